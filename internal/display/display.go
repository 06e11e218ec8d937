// Package display writes what jwtkey shows a person: text that came from
// outside (file names, token header fields) made safe for a terminal,
// durations in words, counts and rates, and words quoted for a shell.
// Every verb that prints such things uses it, so that none of them quotes
// a name one way and another the other.
package display

import (
	"fmt"
	"strconv"
	"time"
	"unicode"
	"unicode/utf8"
)

// Text returns untrusted text as it is when every character is printable
// (spaces included) and none is a quote or a backslash, else quoted like
// Go's %q, so that an escape sequence or a line break in it cannot forge
// output or drive a terminal.
func Text(s string) string {
	for _, r := range s {
		if unsafe(r) || r == '"' || r == '\\' {
			return strconv.Quote(s)
		}
	}
	return s
}

// Name returns a file name as text output shows it: like Text, and quoted
// also when it holds a space or a single quote, as ls quotes names, so that
// where a name ends is never in doubt.
func Name(s string) string {
	for _, r := range s {
		if unsafe(r) || r == ' ' || r == '"' || r == '\'' || r == '\\' {
			return strconv.Quote(s)
		}
	}
	return s
}

// unsafe reports whether a character must not reach a terminal as it is:
// controls (C0, DEL, C1), invalid UTF-8 and anything not printable.
func unsafe(r rune) bool {
	return r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || r == utf8.RuneError || r != ' ' && !unicode.IsPrint(r)
}

// Duration writes d in the largest unit that keeps it readable:
// "15 minutes", "30 days", "10.0 years".
func Duration(d time.Duration) string {
	if d < 0 {
		d = -d
	}
	switch {
	case d >= 48*time.Hour:
		days := d.Hours() / 24
		if days >= 730 {
			return fmt.Sprintf("%.1f years", days/365.25)
		}
		return fmt.Sprintf("%.0f days", days)
	case d >= 2*time.Hour:
		return fmt.Sprintf("%.0f hours", d.Hours())
	case d >= 2*time.Minute:
		return fmt.Sprintf("%.0f minutes", d.Minutes())
	}
	return d.Round(time.Second).String()
}
