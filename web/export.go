package web

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/jwtkey/jwtkey/internal/atomicfile"
)

// exportFiles are the files Export writes, in the order it writes them:
// the page last, so that a site updated in place never serves a page
// whose assets are missing.
func exportFiles() []string {
	var names []string
	for p := range loadAssets() {
		if p != "/" && p != "/index.html" {
			names = append(names, strings.TrimPrefix(p, "/"))
		}
	}
	slices.Sort(names)
	return append(names, "index.html")
}

// Export writes the page and its assets to dir as static files that any
// static host (GitHub Pages, S3, a plain file server) can serve: the page,
// its script and style, the icon, and the checker (wasm_exec.js and
// check.wasm, uncompressed). The Content-Security-Policy travels in a
// <meta> tag (MetaContentSecurityPolicy), since a static host sends no
// headers of ours. Keys are still made only in the browser, and the page
// loads nothing from another origin.
//
// dir is created if it does not exist (its parent must). Files of the same
// names already in dir are an error wrapping fs.ErrExist unless force is
// set, and nothing is written then; a symbolic link in their place is
// always an error; other files in dir are left alone. Each file is written
// to a temporary file and renamed into place. If a write fails, the files
// this call created are removed again; files it replaced (with force) stay
// replaced, and the error says which. Export returns the paths it wrote.
func Export(dir string, force bool) ([]string, error) {
	if fi, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		if err := os.Mkdir(dir, 0o755); err != nil {
			return nil, fmt.Errorf("creating the export directory: %w", err)
		}
	} else if err != nil {
		return nil, err
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("web: %q is not a directory", dir)
	}

	names := exportFiles()
	var existing []string
	for _, name := range names {
		path := filepath.Join(dir, name)
		fi, err := os.Lstat(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue
		case err != nil:
			return nil, err
		case fi.Mode()&fs.ModeSymlink != 0:
			return nil, fmt.Errorf("web: %q is a symbolic link; remove it, an export writes only regular files", path)
		case !fi.Mode().IsRegular():
			return nil, fmt.Errorf("web: %q is not a regular file", path)
		}
		existing = append(existing, fmt.Sprintf("%q", name))
	}
	if len(existing) > 0 && !force {
		return nil, existsError(fmt.Sprintf("web: %q already holds %s", dir, strings.Join(existing, ", ")))
	}

	var created, replaced, written []string
	for _, name := range names {
		data, err := exportContent(name)
		if err != nil {
			return nil, err
		}
		path := filepath.Join(dir, name)
		_, statErr := os.Lstat(path)
		if force {
			err = atomicfile.WriteFile(path, data, 0o644)
		} else {
			err = atomicfile.CreateFile(path, data, 0o644)
		}
		if err != nil {
			if statErr != nil && !errors.Is(err, fs.ErrExist) {
				created = append(created, path) // failed after the rename, if at all
			}
			for _, p := range created {
				os.Remove(p)
			}
			if len(replaced) > 0 {
				return nil, fmt.Errorf("writing %q (already replaced: %s): %w", path, strings.Join(replaced, ", "), err)
			}
			return nil, fmt.Errorf("writing %q: %w", path, err)
		}
		if statErr == nil {
			replaced = append(replaced, fmt.Sprintf("%q", path))
		} else {
			created = append(created, path)
		}
		written = append(written, path)
	}
	return written, nil
}

// exportContent returns a file of the exported site.
func exportContent(name string) ([]byte, error) {
	data, ok := Asset("/" + name)
	if !ok {
		return nil, fmt.Errorf("web: no asset %q", name)
	}
	if name == "index.html" {
		return exportPage(data)
	}
	return data, nil
}

// charsetTag is the first tag of index.html; the policy goes right after
// it, before anything it governs.
const charsetTag = `<meta charset="utf-8">` + "\n"

// exportPage returns the page with MetaContentSecurityPolicy in a
// <meta http-equiv> tag right after its <meta charset>.
func exportPage(page []byte) ([]byte, error) {
	i := bytes.Index(page, []byte(charsetTag))
	if i < 0 {
		return nil, errors.New("web: the page has no <meta charset> to put the policy after")
	}
	i += len(charsetTag)
	// The policy holds no '"', '&' or '<': it goes into the attribute as it
	// is, readable to whoever checks the file.
	tag := `<meta http-equiv="Content-Security-Policy" content="` + MetaContentSecurityPolicy + `">` + "\n"
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...), nil
}

// existsError says which files an export would overwrite; it matches
// fs.ErrExist.
type existsError string

func (e existsError) Error() string        { return string(e) }
func (e existsError) Is(target error) bool { return target == fs.ErrExist }
