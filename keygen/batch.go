package keygen

import (
	"bytes"
	"crypto"
	"encoding/json"
)

// Batch asks for the keys "jwtkey generate" writes at once: Count new
// keys as Request says, or the existing Key written as Request says, laid
// out together (see Keys.Text).
type Batch struct {
	Request               // a JWKS Encoding writes the keys as JWKs in one set
	Count   int           // new keys to make; 0 means 1
	Key     crypto.Signer // write this private key instead of making one
	JSON    bool          // write a Record a line rather than the keys
}

// MaxCount is the most keys a caller should ask of one Batch: enough for
// any key set, few enough that a typo cannot keep a machine busy for
// hours making RSA keys.
const MaxCount = 1000

// Keys are the keys of a Batch, ready to be written.
type Keys struct {
	Records []Record // a key's record; the zero Record for raw bytes, which have none

	text, public [][]byte
	enc          Encoding
	json         bool
}

// Generate makes the keys b asks for, from crypto/rand, or writes b.Key
// once. Errors are those of GenerateRecord, GenerateSecret and
// PairRecord: a size out of range is a *SizeError.
func (b Batch) Generate() (*Keys, error) {
	req := b.Request
	if req.Encoding == JWKS {
		req.Encoding = JWK // a set of JWKs
	}
	k := &Keys{enc: b.Encoding, json: b.JSON}
	for range max(b.Count, 1) {
		var rec Record
		var text []byte
		var err error
		switch {
		case req.Encoding == Raw:
			text, err = GenerateSecret(req)
		case b.Key != nil:
			rec, err = PairRecord(b.Key, req.Alg, req.Encoding, req.KID)
		default:
			rec, err = GenerateRecord(req)
		}
		if err != nil {
			return nil, err
		}
		if text == nil {
			text = rec.Text()
		}
		k.Records = append(k.Records, rec)
		k.text, k.public = append(k.text, text), append(k.public, rec.PublicText())
	}
	return k, nil
}

// Text lays the keys out as "jwtkey generate" writes them, or with
// public their public halves (a secret has none, and stays as it is):
// with JSON a Record a line; as JWKS one indented key set; raw bytes and
// PEM blocks one after the other; a single JWK indented; anything else a
// key a line.
func (k *Keys) Text(public bool) []byte {
	var buf bytes.Buffer
	switch {
	case k.json:
		for _, r := range k.Records {
			if public {
				r.Key, r.Public = r.Public, nil
			}
			b, _ := json.Marshal(r)
			buf.Write(b)
			buf.WriteByte('\n')
		}
		return buf.Bytes()
	case k.enc == JWKS:
		var set struct {
			Keys []json.RawMessage `json:"keys"`
		}
		for _, r := range k.Records {
			if public && r.Public != nil {
				r.Key = r.Public
			}
			set.Keys = append(set.Keys, r.Key)
		}
		b, _ := json.MarshalIndent(set, "", "  ")
		return append(b, '\n')
	}
	keys := k.text
	if public {
		keys = k.public
	}
	switch {
	case k.enc == Raw || k.enc == PEM:
		return bytes.Join(keys, nil)
	case k.enc == JWK && len(keys) == 1:
		json.Indent(&buf, keys[0], "", "  ")
		return append(buf.Bytes(), '\n')
	}
	for _, key := range keys {
		buf.Write(key)
		buf.WriteByte('\n')
	}
	return buf.Bytes()
}
