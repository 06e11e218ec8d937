// Package policy holds no code: its tests enforce rules that span the whole
// module, such as "key material comes from crypto/rand only".
package policy
