package sandbox

import (
	"errors"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/partnertap-oss/steampipe-plugin-partnertap/internal/api"
)

// Demo keys the sandbox accepts unless told otherwise. They are published in the README: the
// sandbox is for trying the plugin, and its data is generated.
const (
	DemoAPIKey       = "3f6c1c52-7d0e-4a51-9b3e-5d1f0a2b7c41"
	RestrictedAPIKey = "9b2e4f10-1c3d-4e5f-8a6b-7c8d9e0f1a2b" // lacks API_ACCESS: its tokens get 403
)

// apiKeyAccount is what an API key stands for.
type apiKeyAccount struct {
	subject     string
	adminID     string
	permissions string
	org         string // DemoOrg when empty
}

// tokenClaims are the documented claims of a PartnerTap JWT.
type tokenClaims struct {
	Permissions string `json:"com.partnertap.permissions"`
	AdminID     string `json:"com.partnertap.admin.id"`
	jwt.RegisteredClaims
}

// mintToken issues an HS256 JWT for an account, valid for lifetime.
func (s *Server) mintToken(acct apiKeyAccount, now time.Time) (string, error) {
	claims := tokenClaims{
		Permissions: acct.permissions,
		AdminID:     acct.adminID,
		RegisteredClaims: jwt.RegisteredClaims{
			Subject:   acct.subject,
			Issuer:    api.TokenIssuer,
			IssuedAt:  jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(now.Add(s.tokenLifetime())),
		},
	}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(s.secret)
}

// errForbidden is a valid token without API access.
var errForbidden = errors.New("Access Denied: the token lacks the API_ACCESS permission")

// tokenResult is a request's JWT as parsed: whether it carried one, its claims, and why they are
// not valid (nil when they are).
type tokenResult struct {
	present bool
	claims  tokenClaims
	err     error
}

// parseToken reads the Authorization header of a legacy call: the raw JWT (documented) or
// "Bearer <jwt>" (accepted too [ours]).
func (s *Server) parseToken(r *http.Request) tokenResult {
	raw := strings.TrimSpace(r.Header.Get("Authorization"))
	raw = strings.TrimSpace(strings.TrimPrefix(raw, "Bearer "))
	if raw == "" {
		return tokenResult{}
	}
	t := tokenResult{present: true}
	_, t.err = jwt.ParseWithClaims(raw, &t.claims, func(*jwt.Token) (any, error) { return s.secret, nil },
		jwt.WithValidMethods([]string{"HS256"}), jwt.WithIssuer(api.TokenIssuer), jwt.WithExpirationRequired(),
		jwt.WithTimeFunc(s.now))
	return t
}

// checkToken validates a legacy call's token.
func (s *Server) checkToken(r *http.Request) (int, error) {
	t := s.credentialsOf(r).token
	if !t.present {
		return http.StatusUnauthorized, errors.New("Full authentication is required to access this resource")
	}
	if t.err != nil {
		return http.StatusUnauthorized, errors.New("Invalid or expired token")
	}
	if !slices.Contains(strings.Split(t.claims.Permissions, ","), api.PermissionAPIAccess) {
		return http.StatusForbidden, errForbidden
	}
	return 0, nil
}

// handleAuth is GET /api/auth?apiKey=KEY.
func (s *Server) handleAuth(w http.ResponseWriter, r *http.Request) {
	key := r.URL.Query().Get(api.AuthKeyParam)
	if key == "" {
		writeError(w, r, http.StatusBadRequest, "Required request parameter 'apiKey' is not present")
		return
	}
	acct, ok := s.keys[key]
	if !ok {
		writeError(w, r, http.StatusUnauthorized, "Invalid API key")
		return
	}
	token, err := s.mintToken(acct, s.now())
	if err != nil {
		writeError(w, r, http.StatusInternalServerError, "could not mint a token")
		return
	}
	writeJSON(w, http.StatusOK, api.AuthResponse{Token: token})
}
