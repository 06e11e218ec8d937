package wordlists

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestSelect(t *testing.T) {
	// "para" is ranked far better here than in English; "house" and "the"
	// are not (their position here is 6 and 4).
	english := map[string]int{"the": 1, "house": 12, "para": 5215}
	words := []string{"que", "de", "l'", "The", "casa", "HOUSE", "para", "10", "c.bg_transparent", "peut-être", "São", "#x", "añño"}
	got := Select(words, english, false)
	want := []string{"que", "casa", "para", "são", "añño"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("Select = %q, want %q", got, want)
	}
	// The English section keeps only what the English lists leave out.
	got = Select(words, english, true)
	want = []string{"que", "casa", "são", "añño"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("Select for English = %q, want %q", got, want)
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
