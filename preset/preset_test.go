package preset

import (
	"strings"
	"testing"
)

func TestLookup(t *testing.T) {
	seen := map[string]string{}
	for _, p := range All {
		for _, name := range append([]string{p.Name}, p.Aliases...) {
			if other, dup := seen[strings.ToLower(name)]; dup {
				t.Errorf("%q names both %s and %s", name, other, p.Name)
			}
			seen[strings.ToLower(name)] = p.Name
			if q, err := Lookup(strings.ToUpper(name)); err != nil || q.Name != p.Name {
				t.Errorf("Lookup(%q) = %q, %v", name, q.Name, err)
			}
		}
		if p.Size < 32 || p.Var == "" || !strings.HasPrefix(p.Source, "https://") || !strings.HasPrefix(p.Recipe, "https://") {
			t.Errorf("%s: incomplete preset %+v", p.Name, p)
		}
	}
	if _, err := Lookup("cobol"); err == nil || !strings.HasPrefix(err.Error(), "preset: ") {
		t.Errorf("Lookup(cobol) error = %v", err)
	}
	if got := strings.Join(Names(), ","); !strings.Contains(got, "node") || strings.Contains(got, "jsonwebtoken") {
		t.Errorf("Names() = %s", got)
	}
}
