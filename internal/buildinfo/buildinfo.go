// Package buildinfo says which jwtkey a binary is: its module version, VCS
// revision, whether the work tree was modified, and the Go release and
// platform it was built for.
//
// A plain "go build" or "go install" records the module version and VCS
// stamp in the binary's build info. A release build, which may build
// without VCS stamping and from a clone whose build info does not know the
// tag, sets them with the linker instead:
//
//	-ldflags "-X github.com/jwtkey/jwtkey/internal/buildinfo.version=v1.2.3
//	          -X github.com/jwtkey/jwtkey/internal/buildinfo.revision=COMMIT
//	          -X github.com/jwtkey/jwtkey/internal/buildinfo.modified=false"
package buildinfo

import (
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

// Set by the release build; empty otherwise.
var (
	version  string
	revision string
	modified string
)

// Version describes one binary.
type Version struct {
	Version  string `json:"version"`  // module version: v1.2.3, a pseudo-version, or (devel)
	Revision string `json:"revision"` // VCS commit, "" when the build did not record it
	Modified bool   `json:"modified"` // the work tree had uncommitted changes
	Go       string `json:"go"`       // the Go release that built the binary
	Platform string `json:"platform"` // GOOS/GOARCH
}

// Read describes the running binary.
func Read() Version {
	info, _ := debug.ReadBuildInfo()
	return Of(info, version, revision, modified)
}

// Of combines build info (nil when a binary has none) with the values a
// release build sets through the linker, which take precedence.
func Of(info *debug.BuildInfo, ldVersion, ldRevision, ldModified string) Version {
	v := Version{Version: "(devel)", Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if info != nil {
		if info.Main.Version != "" {
			v.Version = info.Main.Version
		}
		v.Go = info.GoVersion
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				v.Revision = s.Value
			case "vcs.modified":
				v.Modified = s.Value == "true"
			}
		}
	}
	if ldVersion != "" {
		v.Version = ldVersion
	}
	if ldRevision != "" {
		v.Revision = ldRevision
		v.Modified = ldModified == "true"
	}
	return v
}

// Write prints v as "jwtkey version" does: four lines of text, or an
// indented JSON object.
func (v Version) Write(w io.Writer, asJSON bool) error {
	if asJSON {
		b, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w, "%s\n", b)
		return err
	}
	rev := v.Revision
	if rev == "" {
		rev = "unknown"
	}
	_, err := fmt.Fprintf(w, "jwtkey %s\nrevision  %s\nmodified  %t\ngo        %s %s\n",
		v.Version, rev, v.Modified, v.Go, v.Platform)
	return err
}
