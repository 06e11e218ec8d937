package main

import (
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// Set by the release build (-ldflags "-X main.version=… -X main.revision=…
// -X main.modified=…"), which may build without VCS stamping; a plain
// "go build" or "go install" leaves them empty and the build info answers.
var (
	version  string
	revision string
	modified string
)

// buildVersion is what "jwtkey version" reports.
type buildVersion struct {
	Version  string `json:"version"`  // module version: v1.2.3, a pseudo-version, or (devel)
	Revision string `json:"revision"` // VCS commit, "" when the build did not record it
	Modified bool   `json:"modified"` // the work tree had uncommitted changes
	Go       string `json:"go"`       // the Go release that built the binary
	Platform string `json:"platform"` // GOOS/GOARCH
}

// readVersion describes this binary from its build info and the linker
// variables above.
func readVersion() buildVersion {
	info, _ := debug.ReadBuildInfo()
	return versionOf(info, version, revision, modified)
}

// versionOf combines the build info (nil when the binary has none) with the
// values a release build sets, which take precedence.
func versionOf(info *debug.BuildInfo, ldVersion, ldRevision, ldModified string) buildVersion {
	v := buildVersion{Version: "(devel)", Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
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

func (v buildVersion) write(w io.Writer, asJSON bool) error {
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

func (a *app) versionCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:     "version",
		Short:   "Print the version, VCS revision and Go release of this binary",
		Long:    manual("version"),
		Example: manual("version.examples"),
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return readVersion().write(cmd.OutOrStdout(), asJSON)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the version as a JSON object")
	return cmd
}

// addVersion gives root a "version" verb and a --version flag that prints
// the same (as JSON with --json) instead of a key.
func (a *app) addVersion(root *cobra.Command) {
	var show bool
	root.Flags().BoolVar(&show, "version", false, "print the version (as with \"jwtkey version\") and exit")
	generate := root.RunE
	root.RunE = func(cmd *cobra.Command, args []string) error {
		if !show {
			return generate(cmd, args)
		}
		asJSON, _ := cmd.Flags().GetBool("json")
		return readVersion().write(cmd.OutOrStdout(), asJSON)
	}
	root.AddCommand(a.versionCmd())
}
