package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/jwtkey/jwtkey/keygen"
)

// Count limits for GET /api/v1/key. RSA keys take about a second each, so
// they get a smaller cap.
const (
	MaxCount    = 100
	MaxRSACount = 4
)

// KeyResponse is the body of a successful GET /api/v1/key: one
// keygen.Record per key, the same records "jwtkey generate --json" prints.
type KeyResponse struct {
	Keys []keygen.Record `json:"keys"`
}

// ErrorResponse is the body of every error the server sends.
type ErrorResponse struct {
	Error string `json:"error"`
	Param string `json:"param,omitempty"` // the query parameter at fault
}

// keyRequest is a validated GET /api/v1/key query.
type keyRequest struct {
	alg   keygen.Algorithm
	enc   keygen.Encoding
	count int
}

// paramError is a bad query parameter; it becomes a 400.
type paramError struct {
	param string
	msg   string
}

func (e *paramError) Error() string { return "web: " + e.msg }

// parseKeyQuery validates the query of GET /api/v1/key: alg (default
// HS256), encoding (default hex for secrets, pem for key pairs) and count
// (default 1). Unknown or repeated parameters are errors, so a typo does
// not silently fall back to a default.
func parseKeyQuery(q url.Values) (keyRequest, error) {
	req := keyRequest{alg: keygen.HS256, count: 1}
	for name, vals := range q {
		switch name {
		case "alg", "encoding", "count":
		default:
			return req, &paramError{name, fmt.Sprintf("unknown parameter %q; the parameters are alg, encoding and count", name)}
		}
		if len(vals) > 1 {
			return req, &paramError{name, fmt.Sprintf("parameter %q given %d times", name, len(vals))}
		}
	}
	if s, ok := q["alg"]; ok {
		alg, err := keygen.ParseAlgorithm(s[0])
		if err != nil {
			return req, &paramError{"alg", fmt.Sprintf("unknown algorithm %q; choose one of %s", s[0], algList())}
		}
		req.alg = alg
	}
	req.enc = keygen.DefaultEncoding(req.alg)
	if s, ok := q["encoding"]; ok {
		enc, err := keygen.ParseEncoding(s[0])
		if err != nil || enc == keygen.Raw || enc == keygen.JWKS {
			return req, &paramError{"encoding", fmt.Sprintf("encoding %q is not offered; choose hex, base64, base64url or jwk for secrets, pem or jwk for key pairs", s[0])}
		}
		if !enc.Fits(req.alg) {
			return req, &paramError{"encoding", fmt.Sprintf("encoding %s does not fit %s keys", enc, req.alg)}
		}
		req.enc = enc
	}
	if s, ok := q["count"]; ok {
		limit := MaxCount
		if req.alg.Family() == keygen.FamilyRSA {
			limit = MaxRSACount
		}
		n, err := strconv.Atoi(s[0])
		if err != nil || n < 1 || n > limit {
			return req, &paramError{"count", fmt.Sprintf("count must be a whole number from 1 to %d for %s, not %q", limit, req.alg, s[0])}
		}
		req.count = n
	}
	return req, nil
}

func algList() string { return strings.Join(keygen.AlgorithmNames(), ", ") }

// generateRecord makes one key; tests replace it to hold a generation
// open.
var generateRecord = keygen.GenerateRecord

// keyHandler serves GET /api/v1/key. Requests for RSA keys go through rsa.
type keyHandler struct {
	rsa *limiter
}

func (kh *keyHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	req, err := parseKeyQuery(r.URL.Query())
	if err != nil {
		var pe *paramError
		if errors.As(err, &pe) {
			writeError(w, http.StatusBadRequest, pe.param, pe.msg)
		} else {
			writeError(w, http.StatusBadRequest, "", "bad query")
		}
		return
	}
	if req.alg.IsHMAC() && req.enc != keygen.JWK {
		body, err := appendSecrets(make([]byte, 0, 64+req.count*(keygen.EncodedLen(req.alg.HashSize(), req.enc)+96)), req)
		if err != nil {
			writeError(w, http.StatusInternalServerError, "", "could not make a key")
			return
		}
		writeBody(w, http.StatusOK, body)
		return
	}
	if req.alg.Family() == keygen.FamilyRSA {
		release, ok := kh.rsa.acquire(r.Context())
		if !ok {
			w.Header().Set("Retry-After", strconv.Itoa(kh.rsa.retryAfter()))
			writeError(w, http.StatusServiceUnavailable, "", "busy making RSA keys for other requests; retry after the seconds in Retry-After")
			return
		}
		defer release()
	}
	resp := KeyResponse{Keys: make([]keygen.Record, 0, req.count)}
	for range req.count {
		k, err := generateRecord(keygen.Request{Alg: req.alg, Encoding: req.enc})
		if err != nil {
			writeError(w, http.StatusInternalServerError, "", "could not make a key")
			return
		}
		resp.Keys = append(resp.Keys, k)
	}
	writeJSON(w, http.StatusOK, resp)
}

// appendSecrets appends the KeyResponse for HMAC secrets in a text encoding
// to buf, byte for byte what encoding/json makes of the keygen.Record
// values keygen.SecretRecord returns, without reflection: this is the API's
// busiest path. Hex and base64 need no JSON escaping.
func appendSecrets(buf []byte, req keyRequest) ([]byte, error) {
	buf = append(buf, `{"keys":[`...)
	for i := range req.count {
		secret, err := keygen.GenerateHMAC(req.alg)
		if err != nil {
			return nil, err
		}
		text, err := keygen.EncodeSecret(secret, req.enc)
		if err != nil {
			return nil, err
		}
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, `{"key":"`...)
		buf = append(buf, text...)
		buf = append(buf, `","alg":"`...)
		buf = append(buf, req.alg...)
		buf = append(buf, `","encoding":"`...)
		buf = append(buf, req.enc...)
		buf = append(buf, `","bits":`...)
		buf = strconv.AppendInt(buf, int64(8*len(secret)), 10)
		buf = append(buf, `,"kid":"`...)
		buf = keygen.AppendKID(buf)
		buf = append(buf, `"}`...)
	}
	return append(buf, "]}\n"...), nil
}

// handleHealth serves GET /healthz.
func handleHealth(w http.ResponseWriter, r *http.Request) {
	if r.URL.RawQuery != "" {
		writeError(w, http.StatusBadRequest, "", "/healthz takes no parameters")
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, struct {
		Status string `json:"status"`
	}{"ok"})
}

func writeError(w http.ResponseWriter, status int, param, msg string) {
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, status, ErrorResponse{Error: msg, Param: param})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		status, body = http.StatusInternalServerError, []byte(`{"error":"could not encode the response"}`)
	}
	writeBody(w, status, append(body, '\n'))
}

// writeBody sends a JSON body that ends in a newline.
func writeBody(w http.ResponseWriter, status int, body []byte) {
	h := w.Header()
	h["Content-Type"] = jsonContentType
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	w.Write(body)
}

var jsonContentType = []string{"application/json; charset=utf-8"}
