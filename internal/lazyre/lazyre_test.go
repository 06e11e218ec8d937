package lazyre

import "testing"

func TestNew(t *testing.T) {
	re := New(`^a+b$`)
	if !re().MatchString("aab") || re().MatchString("ba") {
		t.Error("pattern does not match as compiled")
	}
	if first, second := re(), re(); first != second {
		t.Error("compiled twice")
	}
	bad := New(`(`)
	defer func() {
		if recover() == nil {
			t.Error("bad pattern did not panic on first use")
		}
	}()
	bad()
}
