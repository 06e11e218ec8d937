package keygen

import (
	"crypto"
	"encoding/json"
	"fmt"
)

// Record is one key as jwtkey hands it to programs: "jwtkey generate --json"
// prints one per line, and the web API answers a list of them. Its JSON
// form is
//
//	{"key":…,"public":…,"alg":"ES256","encoding":"pem","bits":256,"kid":"…"}
//
// Key is a JSON string for text encodings and PEM, and a JSON object for
// JWK. Public is set for key pairs only, in the same encoding as Key. KID is
// always set: a secret's is random (or chosen by the caller), never derived
// from the secret; a key pair's is the RFC 7638 thumbprint of its public
// key unless the caller chose one. For JWK encodings it is also the JWK's
// "kid".
type Record struct {
	Key      json.RawMessage `json:"key"`
	Public   json.RawMessage `json:"public,omitempty"`
	Alg      Algorithm       `json:"alg"`
	Encoding Encoding        `json:"encoding"`
	Bits     int             `json:"bits"`
	KID      string          `json:"kid"`
}

// SecretRecord returns the record of an HMAC secret for alg written in enc:
// Hex, Base64, Base64URL or JWK. Its kid is kid, or NewKID() when kid is
// empty.
func SecretRecord(secret []byte, alg Algorithm, enc Encoding, kid string) (Record, error) {
	if !alg.IsHMAC() {
		return Record{}, fmt.Errorf("keygen: %s is not an HMAC algorithm", alg)
	}
	if kid == "" {
		kid = NewKID()
	}
	r := Record{Alg: alg, Encoding: enc, Bits: 8 * len(secret), KID: kid}
	var err error
	switch enc {
	case Hex, Base64, Base64URL:
		text, _ := EncodeSecret(secret, enc)
		r.Key, err = json.Marshal(string(text))
	case JWK:
		r.Key, err = json.Marshal(SecretJWK(secret, alg, kid))
	default:
		return Record{}, fmt.Errorf("keygen: a record cannot hold a secret as %s", enc)
	}
	if err != nil {
		return Record{}, fmt.Errorf("encoding the %s secret: %w", alg, err)
	}
	return r, nil
}

// PairRecord returns the record of a private key for alg written in enc,
// PEM or JWK, with its public half in Public. Its kid is kid, or the RFC
// 7638 thumbprint of the public key when kid is empty.
func PairRecord(key crypto.Signer, alg Algorithm, enc Encoding, kid string) (Record, error) {
	if err := CheckKey(alg, key); err != nil {
		return Record{}, err
	}
	if kid == "" {
		var err error
		if kid, err = Thumbprint(key.Public()); err != nil {
			return Record{}, err
		}
	}
	r := Record{Alg: alg, Encoding: enc, Bits: KeyBits(key), KID: kid}
	var priv, pub any
	switch enc {
	case PEM:
		privPEM, err := MarshalPrivatePEM(key)
		if err != nil {
			return Record{}, err
		}
		pubPEM, err := MarshalPublicPEM(key.Public())
		if err != nil {
			return Record{}, err
		}
		priv, pub = string(privPEM), string(pubPEM)
	case JWK:
		sj, err := PrivateJWK(key, alg)
		if err != nil {
			return Record{}, err
		}
		pj, err := PublicJWK(key.Public(), alg)
		if err != nil {
			return Record{}, err
		}
		sj.KeyID, pj.KeyID = kid, kid
		priv, pub = sj, pj
	default:
		return Record{}, fmt.Errorf("keygen: a record cannot hold a key pair as %s", enc)
	}
	var err error
	if r.Key, err = json.Marshal(priv); err != nil {
		return Record{}, fmt.Errorf("encoding the %s private key: %w", alg, err)
	}
	if r.Public, err = json.Marshal(pub); err != nil {
		return Record{}, fmt.Errorf("encoding the %s public key: %w", alg, err)
	}
	return r, nil
}
