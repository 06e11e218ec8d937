package dotenv

import (
	"fmt"
	"testing"
)

func TestNames(t *testing.T) {
	tests := []struct {
		base      string
		file      bool
		template  bool
		standsFor string
		env       string
	}{
		{".env", true, false, "", ""},
		{".env.local", true, false, "", ""},
		{".env.production", true, false, "", "production"},
		{".env.production.local", true, false, "", "production"},
		{"production.env", true, false, "", "production"},
		{".envrc", false, false, "", ""},
		{"env", false, false, "", ""},
		{".ENV.Staging", true, false, "", "staging"},
		{".env.example", true, true, ".env", "example"},
		{".env.sample", true, true, ".env", "sample"},
		{".env.defaults", true, true, ".env", "defaults"},
		{".env.schema", true, true, ".env", "schema"},
		{"example.env", true, true, "example.env", "example"},
		{"config.yml.sample", false, true, "config.yml", ""},
		{"config.sample.yml", false, true, "config.sample.yml", ""},
		{"settings.py.tpl", false, true, "settings.py", ""},
		{"phpunit.xml.dist", false, true, "phpunit.xml", ""},
		{"config.h.in", false, true, "config.h", ""},
		{"input.in", false, false, "", ""},
		{"default.json", false, false, "", ""},
		{"schema.rb", false, false, "", ""},
		{"app.js", false, false, "", ""},
		{"environment.ts", false, false, "", ""},
	}
	for _, tt := range tests {
		if got := IsFile(tt.base); got != tt.file {
			t.Errorf("IsFile(%q) = %v, want %v", tt.base, got, tt.file)
		}
		s, ok := TemplateOf(tt.base)
		if ok != tt.template || s != tt.standsFor {
			t.Errorf("TemplateOf(%q) = %q, %v, want %q, %v", tt.base, s, ok, tt.standsFor, tt.template)
		}
		if tt.file {
			if got := Environment(tt.base); got != tt.env {
				t.Errorf("Environment(%q) = %q, want %q", tt.base, got, tt.env)
			}
		}
	}
}

// The names doctor judged before these functions moved here.
func TestDoctorNames(t *testing.T) {
	for name, want := range map[string]bool{
		".env": true, ".env.production": true, ".env.local": true, ".env.example": false,
		".env.sample": false, ".envrc": false, "env": false, ".env.production.local": true,
	} {
		if got := IsFile(name) && !IsTemplate(name); got != want {
			t.Errorf("IsFile && !IsTemplate(%q) = %v", name, got)
		}
	}
	for name, want := range map[string]string{
		".env": "", ".env.local": "", ".env.production": "production", ".env.production.local": "production",
	} {
		if got := Environment(name); got != want {
			t.Errorf("Environment(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestShared(t *testing.T) {
	u := func(file, name, value string) Use {
		return Use{Place: fmt.Sprintf("%s %s", file, name), File: file, Name: name, Value: value}
	}
	tests := []struct {
		name string
		uses []Use
		want int // groups
	}{
		{"two environments", []Use{u(".env.production", "A", "x"), u(".env.staging", "A", "x")}, 1},
		{"one file, two names", []Use{u(".env", "A", "x"), u(".env", "B", "x")}, 0},
		{".env and .env.local are one environment", []Use{u(".env", "A", "x"), u(".env.local", "A", "x")}, 0},
		{"two directories", []Use{u("a/.env", "A", "x"), u("b/.env", "A", "x")}, 1},
		{"two config files", []Use{u("a.yml", "A", "x"), u("b.yml", "A", "x")}, 1},
		{"outside files each count", []Use{{Place: "$A", Value: "x"}, {Place: "$B", Value: "x"}}, 1},
		{"different values", []Use{u(".env.production", "A", "x"), u(".env.staging", "A", "y")}, 0},
		{"empty values", []Use{u(".env.production", "A", ""), u(".env.staging", "A", "")}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Shared(tt.uses); len(got) != tt.want {
				t.Errorf("Shared = %v, want %d groups", got, tt.want)
			}
		})
	}
}
