package main

import (
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// TestManuals checks that every file in help/ is some command's help, and
// that no placeholder is left in a command's help.
func TestManuals(t *testing.T) {
	var texts []string
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		texts = append(texts, c.Long, c.Example)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(newApp().rootCmd())
	placeholder := regexp.MustCompile(`@[A-Z_]+@`)
	for _, s := range texts {
		if p := placeholder.FindString(s); p != "" {
			t.Errorf("placeholder %s left in a command's help", p)
		}
	}
	entries, err := helpFiles.ReadDir("help")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		name := strings.TrimSuffix(e.Name(), path.Ext(e.Name()))
		for _, part := range placeholder.Split(manual(name), -1) {
			used := false
			for _, s := range texts {
				used = used || strings.Contains(s, part)
			}
			if !used {
				t.Errorf("help/%s is no command's help", e.Name())
				break
			}
		}
	}
}
