package client

import (
	"context"
	"net/http"
	"net/url"

	gojson "github.com/goccy/go-json"
)

// PostJSON sends a v1 call: the body as JSON, the API key in the api-key header [doc], or, for a
// connection with only a token, the JWT in Authorization (the documented fallback).
func (c *Client) PostJSON(ctx context.Context, path string, query url.Values, body, out any) error {
	raw, err := gojson.Marshal(body)
	if err != nil {
		return err
	}
	return c.v1Call(ctx, requestSpec{method: http.MethodPost, path: path, query: query, body: raw}, out)
}

// GetV1 sends a v1 GET call with the same authentication as PostJSON.
func (c *Client) GetV1(ctx context.Context, path string, out any) error {
	return c.v1Call(ctx, requestSpec{method: http.MethodGet, path: path}, out)
}

// v1Call authenticates a v1 call with the api-key header, or with the JWT when there is no key.
func (c *Client) v1Call(ctx context.Context, spec requestSpec, out any) error {
	if c.tokens.apiKey == "" {
		return c.authorized(ctx, spec, out)
	}
	spec.apiKey = c.tokens.apiKey
	return c.send(ctx, spec, out)
}

// v1 reports whether a page request is a v1 POST: it has a body.
func (req PageRequest) v1() bool { return req.Body != nil }
