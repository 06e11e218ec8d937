package dotenv

import (
	"errors"
	"strings"
	"testing"
)

// TestSetAfterStyle: a new assignment placed after another is written in
// its style, so that a shell sourcing the file exports both or neither.
func TestSetAfterStyle(t *testing.T) {
	tests := []struct {
		in, value, want string
	}{
		{"export JWT_SECRET=new\n", "old", "export JWT_SECRET=new\nexport JWT_SECRET_PREVIOUS=old\n"},
		{"JWT_SECRET=\"new\"\n", "old", "JWT_SECRET=\"new\"\nJWT_SECRET_PREVIOUS=\"old\"\n"},
		{"  export  JWT_SECRET = 'new' # current\n", "old", "  export  JWT_SECRET = 'new' # current\n  export  JWT_SECRET_PREVIOUS = 'old'\n"},
		{"JWT_SECRET='new'\n", "it's", "JWT_SECRET='new'\nJWT_SECRET_PREVIOUS=\"it's\"\n"},
		{"export JWT_SECRET=`new`\r\nB=1\r\n", "old", "export JWT_SECRET=`new`\r\nexport JWT_SECRET_PREVIOUS=`old`\r\nB=1\r\n"},
		{"JWT_SECRET=new\n", "two words", "JWT_SECRET=new\nJWT_SECRET_PREVIOUS='two words'\n"},
		// An existing assignment keeps its own style.
		{"export JWT_SECRET=new\nJWT_SECRET_PREVIOUS='x'\n", "old", "export JWT_SECRET=new\nJWT_SECRET_PREVIOUS='old'\n"},
	}
	for _, tt := range tests {
		f, err := Parse([]byte(tt.in))
		if err != nil {
			t.Fatal(err)
		}
		if err := f.SetAfter("JWT_SECRET_PREVIOUS", tt.value, "JWT_SECRET"); err != nil {
			t.Fatal(err)
		}
		if got := string(f.Bytes()); got != tt.want {
			t.Errorf("SetAfter on %q = %q, want %q", tt.in, got, tt.want)
		}
		g, _ := Parse(f.Bytes())
		if v, _ := g.Lookup("JWT_SECRET_PREVIOUS"); v != tt.value {
			t.Errorf("SetAfter on %q reads back as %q", tt.in, v)
		}
	}
}

func TestCheckUnique(t *testing.T) {
	f, err := Parse([]byte("export JWT_SECRET=v4lue1\nPORT=1\n  JWT_SECRET = \"v4lue2\"\nOTHER=x\n"))
	if err != nil {
		t.Fatal(err)
	}
	err = f.CheckUnique("JWT_SECRET")
	if !errors.Is(err, ErrDuplicate) {
		t.Fatalf("error = %v, want ErrDuplicate", err)
	}
	for _, want := range []string{"line 1 (export JWT_SECRET=…)", "line 3 (JWT_SECRET = …)"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not show %q", err, want)
		}
	}
	if strings.Contains(err.Error(), "v4lue") {
		t.Errorf("error %q shows a value", err)
	}
	for _, name := range []string{"PORT", "MISSING"} {
		if err := f.CheckUnique(name); err != nil {
			t.Errorf("CheckUnique(%s) = %v", name, err)
		}
	}
}
