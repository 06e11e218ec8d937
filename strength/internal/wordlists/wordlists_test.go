package wordlists

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestSelect(t *testing.T) {
	english := map[string]bool{"the": true, "house": true}
	got := Select([]string{"que", "de", "l'", "The", "casa", "HOUSE", "10", "c.bg_transparent", "peut-être", "São", "#x", "añño"}, english)
	want := []string{"que", "casa", "são", "añño"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("Select = %q, want %q", got, want)
	}
}

func TestGenerate(t *testing.T) {
	fsys := fstest.MapFS{}
	for i, l := range Languages {
		words := `["que","de","casa","the","casa","palabra` + strings.Repeat("x", i) + `"]`
		fsys[l.Package+"/src/commonWords.json"] = &fstest.MapFile{Data: []byte(words)}
	}
	out, err := Generate(fsys)
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	for _, l := range Languages {
		if !strings.Contains(text, "# "+l.Name+": @zxcvbn-ts/"+l.Package+"@"+l.Version+" ") {
			t.Errorf("no source line for %s", l.Name)
		}
	}
	if !strings.Contains(text, "## es\nque\ncasa\npalabra\n## pt\n") {
		t.Errorf("es section wrong:\n%s", text)
	}
	if strings.Contains(text, "\nthe\n") || strings.Contains(text, "\nde\n") {
		t.Errorf("kept an English or short word:\n%s", text)
	}
	delete(fsys, Languages[2].Package+"/src/commonWords.json")
	if _, err := Generate(fsys); err == nil {
		t.Error("no error for a missing package")
	}
}
