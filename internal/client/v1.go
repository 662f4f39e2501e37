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
	spec := requestSpec{method: http.MethodPost, path: path, query: query, body: raw}
	if c.apiKey != "" {
		spec.apiKey = c.apiKey
		return c.send(ctx, spec, out)
	}
	return c.authorized(ctx, spec, out)
}

// GetV1 sends a v1 GET call with the same authentication as PostJSON.
func (c *Client) GetV1(ctx context.Context, path string, out any) error {
	spec := requestSpec{method: http.MethodGet, path: path}
	if c.apiKey != "" {
		spec.apiKey = c.apiKey
		return c.send(ctx, spec, out)
	}
	return c.authorized(ctx, spec, out)
}

// v1 reports whether a page request is a v1 POST: it has a body.
func (req PageRequest) v1() bool { return req.Body != nil }
