package keygen

import (
	"crypto"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"

	"github.com/go-jose/go-jose/v4"
)

// MarshalPrivatePEM writes a private key as a PKCS #8 "PRIVATE KEY" PEM block.
func MarshalPrivatePEM(key crypto.Signer) ([]byte, error) {
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, fmt.Errorf("marshalling the private key as PKCS #8: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), nil
}

// MarshalPublicPEM writes a public key as an SPKI "PUBLIC KEY" PEM block.
func MarshalPublicPEM(pub crypto.PublicKey) ([]byte, error) {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return nil, fmt.Errorf("marshalling the public key as SPKI: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}), nil
}

// ErrNotPrivateKey is returned by ParsePrivateKey for input that holds a key,
// but only a public one.
var ErrNotPrivateKey = errors.New("keygen: the key is a public key, not a private key")

// ParsePrivateKey reads a private key from PEM (PKCS #8, PKCS #1 "RSA PRIVATE
// KEY" or SEC 1 "EC PRIVATE KEY") or from a private JSON Web Key.
func ParsePrivateKey(data []byte) (crypto.Signer, error) {
	if block, _ := pem.Decode(data); block != nil {
		switch block.Type {
		case "PRIVATE KEY":
			k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
			if err != nil {
				return nil, fmt.Errorf("reading the PRIVATE KEY block: %w", err)
			}
			s, ok := k.(crypto.Signer)
			if !ok {
				return nil, fmt.Errorf("keygen: unsupported key type %T", k)
			}
			return s, nil
		case "RSA PRIVATE KEY":
			k, err := x509.ParsePKCS1PrivateKey(block.Bytes)
			if err != nil {
				return nil, fmt.Errorf("reading the RSA PRIVATE KEY block: %w", err)
			}
			return k, nil
		case "EC PRIVATE KEY":
			k, err := x509.ParseECPrivateKey(block.Bytes)
			if err != nil {
				return nil, fmt.Errorf("reading the EC PRIVATE KEY block: %w", err)
			}
			return k, nil
		case "PUBLIC KEY", "RSA PUBLIC KEY", "CERTIFICATE":
			return nil, ErrNotPrivateKey
		default:
			return nil, fmt.Errorf("keygen: unsupported PEM block %q", block.Type)
		}
	}
	var jwk jose.JSONWebKey
	if err := json.Unmarshal(data, &jwk); err != nil {
		return nil, errors.New("keygen: input is neither a PEM private key nor a JWK")
	}
	if _, ok := jwk.Key.([]byte); ok {
		return nil, errors.New("keygen: the JWK is a shared secret (kty oct), not a private key")
	}
	if jwk.IsPublic() {
		return nil, ErrNotPrivateKey
	}
	s, ok := jwk.Key.(crypto.Signer)
	if !ok {
		return nil, fmt.Errorf("keygen: unsupported JWK key type %T", jwk.Key)
	}
	return s, nil
}
