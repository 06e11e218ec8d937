package buildinfo

import (
	"os"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionOf(t *testing.T) {
	platform := runtime.GOOS + "/" + runtime.GOARCH
	stamped := &debug.BuildInfo{
		GoVersion: "go1.26.8",
		Main:      debug.Module{Path: "github.com/jwtkey/jwtkey", Version: "v0.0.0-20261201033027-8ba9b466b4f3+dirty"},
		Settings: []debug.BuildSetting{
			{Key: "vcs", Value: "git"},
			{Key: "vcs.revision", Value: "8ba9b466b4f3170079d612e1433df6a909741099"},
			{Key: "vcs.modified", Value: "true"},
		},
	}
	tests := []struct {
		name                  string
		info                  *debug.BuildInfo
		ldVer, ldRev, ldDirty string
		want                  Version
	}{
		{
			name: "go install module@version: version, no VCS",
			info: &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.3"}},
			want: Version{Version: "v1.2.3", Go: "go1.26.8", Platform: platform},
		},
		{
			name: "build in a git work tree with changes",
			info: stamped,
			want: Version{Version: "v0.0.0-20261201033027-8ba9b466b4f3+dirty", Revision: "8ba9b466b4f3170079d612e1433df6a909741099", Modified: true, Go: "go1.26.8", Platform: platform},
		},
		{
			name: "-buildvcs=false",
			info: &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}},
			want: Version{Version: "(devel)", Go: "go1.26.8", Platform: platform},
		},
		{
			name:  "release ldflags win over the build info",
			info:  stamped,
			ldVer: "v1.0.0", ldRev: "0123456789abcdef0123456789abcdef01234567", ldDirty: "false",
			want: Version{Version: "v1.0.0", Revision: "0123456789abcdef0123456789abcdef01234567", Go: "go1.26.8", Platform: platform},
		},
		{
			name: "no build info",
			want: Version{Version: "(devel)", Go: runtime.Version(), Platform: platform},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Of(tt.info, tt.ldVer, tt.ldRev, tt.ldDirty); got != tt.want {
				t.Errorf("Of = %+v\nwant        %+v", got, tt.want)
			}
		})
	}
}

func TestVersionWrite(t *testing.T) {
	v := Version{Version: "v1.0.0", Revision: "0123456789abcdef0123456789abcdef01234567", Modified: true, Go: "go1.26.8", Platform: "linux/arm64"}
	var text, js strings.Builder
	if err := v.Write(&text, false); err != nil {
		t.Fatal(err)
	}
	if err := v.Write(&js, true); err != nil {
		t.Fatal(err)
	}
	wantText := "jwtkey v1.0.0\nrevision  0123456789abcdef0123456789abcdef01234567\nmodified  true\ngo        go1.26.8 linux/arm64\n"
	wantJSON := `{
  "version": "v1.0.0",
  "revision": "0123456789abcdef0123456789abcdef01234567",
  "modified": true,
  "go": "go1.26.8",
  "platform": "linux/arm64"
}
`
	if text.String() != wantText {
		t.Errorf("text:\n%s\nwant:\n%s", text.String(), wantText)
	}
	if js.String() != wantJSON {
		t.Errorf("json:\n%s\nwant:\n%s", js.String(), wantJSON)
	}
}

// TestReleaseLdflags: the release build sets this package's variables by
// their full names; a rename or a move on either side fails here.
func TestReleaseLdflags(t *testing.T) {
	b, err := os.ReadFile("../../.goreleaser.yaml")
	if err != nil {
		t.Fatal(err)
	}
	vars := map[string]*string{"version": &version, "revision": &revision, "modified": &modified}
	const pkg = "github.com/jwtkey/jwtkey/internal/buildinfo."
	set := map[string]bool{}
	for _, m := range regexp.MustCompile(`-X ([^=\s]+)=`).FindAllStringSubmatch(string(b), -1) {
		name, ok := strings.CutPrefix(m[1], pkg)
		if !ok || vars[name] == nil {
			t.Errorf(".goreleaser.yaml sets %s, which is not a variable of internal/buildinfo", m[1])
		}
		set[name] = true
	}
	for name := range vars {
		if !set[name] {
			t.Errorf(".goreleaser.yaml does not set %s%s", pkg, name)
		}
	}
}
