package audit

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jwtkey/jwtkey/internal/golden"
)

// TestWriteTextGolden pins the rows jwtkey audit prints for a summary and
// for each kind of outcome.
func TestWriteTextGolden(t *testing.T) {
	tok := parse(t, rawToken(`{"alg":"HS256","typ":"JWT","kid":"k\u001b1"}`, `{"iat":1700000000,"exp":1700172800}`, 32))
	sum := tok.Inspect(time.Unix(1700000100, 0))
	none := Summary{Alg: "none"}
	idx := uint64(25642)
	builtin := AttackStats{Attack: KindBuiltin, Name: "built-in list", Candidates: 100140, Complete: true}
	cases := []struct {
		rep  Report
		show bool
	}{
		{Report{Summary: &sum, Result: &Result{
			Found: true, Secret: []byte("jw 42"), Source: Source{Attack: KindMask, Name: "?l?l?d?d", Index: &idx},
			Attacks:    []AttackStats{builtin, {Attack: KindMask, Name: "?l?l?d?d", Candidates: 25856, Keyspace: 67600}},
			Candidates: 125997, Elapsed: 50 * time.Millisecond,
		}}, false},
		{Report{Summary: &sum, Result: &Result{Found: true, Secret: []byte{0xff, 0}, Source: Source{Attack: KindPotfile, Name: "jwt.pot"}}}, true},
		{Report{Summary: &sum, Result: &Result{}}, true},
		{Report{Summary: &sum, Result: &Result{
			Attacks:    []AttackStats{builtin, {Attack: KindWordlist, Name: "my\nwords.txt", Candidates: 14}, {Attack: KindSecrets, Name: "secrets found in earlier tokens", Candidates: 1}},
			Candidates: 100155, Elapsed: 1234 * time.Millisecond,
		}}, false},
		{Report{Summary: &sum, Result: &Result{
			Attacks:    []AttackStats{{Attack: KindMask, Name: "?a?a?a?a?a?a?a?a", Candidates: 1000, Keyspace: 6634204312890625}},
			Candidates: 1001, Elapsed: 2 * time.Second, Interrupted: true, Resume: 996, ResumeValid: true,
		}}, false},
		{Report{Summary: &none}, false},
	}
	var got bytes.Buffer
	for i, c := range cases {
		if i == 0 || i == len(cases)-1 {
			if err := c.rep.Summary.WriteText(&got); err != nil {
				t.Fatal(err)
			}
		}
		if err := c.rep.WriteResult(&got, c.show); err != nil {
			t.Fatal(err)
		}
		got.WriteString("--\n")
	}
	golden.Check(t, filepath.Join("testdata", "report.golden.txt"), got.Bytes())
}

func TestOnlyBuiltin(t *testing.T) {
	builtin := AttackStats{Attack: KindBuiltin}
	tests := []struct {
		name string
		res  Result
		want bool
	}{
		{"the built-in list alone", Result{Attacks: []AttackStats{builtin}}, true},
		{"interrupted in it", Result{Attacks: []AttackStats{builtin}, Interrupted: true}, false},
		{"and a wordlist", Result{Attacks: []AttackStats{builtin, {Attack: KindWordlist}}}, false},
		{"nothing", Result{}, false},
	}
	for _, tt := range tests {
		if got := tt.res.OnlyBuiltin(); got != tt.want {
			t.Errorf("%s: OnlyBuiltin() = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteTextErrors(t *testing.T) {
	sum := Summary{Alg: "HS256"}
	if err := sum.WriteText(failWriter{}); err == nil {
		t.Error("Summary.WriteText: no error from a failing writer")
	}
	rep := Report{Summary: &sum, Result: &Result{}}
	if err := rep.WriteResult(failWriter{}, false); err == nil {
		t.Error("Report.WriteResult: no error from a failing writer")
	}
}

func TestReadTokens(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    []Input
		wantErr error
	}{
		{"one a line", "a.b.c\nd.e.f\n", []Input{{"a.b.c", 1}, {"d.e.f", 2}}, nil},
		{"comments, blanks and spaces", "# tokens\n\n  a.b.c \r\n\t\n#x.y.z\nd.e.f", []Input{{"a.b.c", 3}, {"d.e.f", 6}}, nil},
		{"nothing", "", nil, ErrNoToken},
		{"only comments", "# none\n\n", nil, ErrNoToken},
		{"a line too long", strings.Repeat("a", maxTokenLine+1), nil, errors.New("token too long")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadTokens(strings.NewReader(tt.in), "tokens\n.txt")
			switch {
			case tt.wantErr == nil && err != nil:
				t.Fatalf("ReadTokens: %v", err)
			case tt.wantErr == ErrNoToken && !errors.Is(err, ErrNoToken):
				t.Fatalf("ReadTokens: %v, want ErrNoToken", err)
			case tt.wantErr != nil && tt.wantErr != ErrNoToken:
				if err == nil || !strings.Contains(err.Error(), `reading tokens from "tokens\n.txt": `) {
					t.Fatalf("ReadTokens: %v, want a read error that quotes the name", err)
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("ReadTokens = %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("token %d = %v, want %v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestMeter(t *testing.T) {
	start := time.Unix(1700000000, 0)
	at := func(n int) time.Time { return start.Add(time.Duration(n) * 250 * time.Millisecond) }
	m := Meter{Every: 250 * time.Millisecond}
	mask := Progress{Attack: KindMask, Name: "?d?d?d?d", Total: 10000}
	if !m.Sample(mask, at(0)) {
		t.Fatal("the first sample is not of a new attack")
	}
	if _, ok := m.Left(at(0)); ok {
		t.Error("a time left before any rate is known")
	}
	mask.Done = 1000 // 4,000/s
	if m.Sample(mask, at(1)) {
		t.Fatal("the same attack reported as new")
	}
	if m.Rate() != 4000 {
		t.Errorf("rate %v, want 4000 from the first interval", m.Rate())
	}
	if left, ok := m.Left(at(1)); !ok || left != 2250*time.Millisecond {
		t.Errorf("left %v %v, want 2.25s", left, ok)
	}
	mask.Done = 1500 // 2,000/s: smoothed, not taken as it is
	m.Sample(mask, at(2))
	if want := 0.12*2000 + 0.88*4000; m.Rate() != want {
		t.Errorf("rate %v, want %v", m.Rate(), want)
	}
	if got := m.Status(at(2)); !strings.HasPrefix(got, "mask ?d?d?d?d: 1,500 done, 3.8k/s, ETA 2.") {
		t.Errorf("status %q", got)
	}

	// A wordlist: the time left follows the bytes, from the attack's start.
	words := Progress{Attack: KindWordlist, Name: "w\x1b.txt", BytesTotal: 1000}
	if !m.Sample(words, at(3)) {
		t.Fatal("a new attack not reported")
	}
	if m.Rate() != 0 {
		t.Errorf("rate %v carried over from the last attack", m.Rate())
	}
	words.BytesDone, words.Done = 250, 40
	m.Sample(words, at(7)) // a quarter in one second, the rate as of one interval
	if left, ok := m.Left(at(7)); !ok || left != 3*time.Second {
		t.Errorf("left %v %v, want 3s", left, ok)
	}
	if got := m.Status(at(7)); got != `wordlist "w\x1b.txt": 40 done, 160/s, ETA 3s` {
		t.Errorf("status %q", got)
	}
}

func TestProgressExtent(t *testing.T) {
	tests := []struct {
		p           Progress
		done, total int64
	}{
		{Progress{Done: 5, Total: 10, BytesDone: 3, BytesTotal: 9}, 5, 10},
		{Progress{Done: 5, BytesDone: 3, BytesTotal: 9}, 3, 9},
		{Progress{Done: 5}, 5, -1},
	}
	for _, tt := range tests {
		if done, total := tt.p.Extent(); done != tt.done || total != tt.total {
			t.Errorf("%+v: Extent() = %d, %d, want %d, %d", tt.p, done, total, tt.done, tt.total)
		}
	}
}

func TestWatch(t *testing.T) {
	c, err := NewCracker(parse(t, rawToken(`{"alg":"HS256"}`, `{}`, 32)), Options{Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	calls := make(chan Progress, 1)
	var stopped atomic.Bool
	stop := c.Watch(time.Millisecond, func(p Progress, _ time.Time) {
		if stopped.Load() {
			t.Error("f called after stop returned")
		}
		select {
		case calls <- p:
		default:
		}
	})
	if p := <-calls; p.Attack != "" {
		t.Errorf("progress of an idle cracker: %+v", p)
	}
	stop()
	stopped.Store(true)
}

func TestReportWriter(t *testing.T) {
	sum := Summary{Alg: "HS256"}
	run := func(json bool, tokens int) string {
		var b bytes.Buffer
		w := &ReportWriter{W: &b, JSON: json, Tokens: tokens}
		for i := range tokens {
			rep := &Report{Line: i + 3, Summary: &sum}
			w.Begin(Input{Text: "t", Line: i + 3})
			w.Summary(sum)
			var err error
			if i == 1 {
				err = errors.New("no luck")
			} else {
				rep.Result = &Result{Found: true, Secret: []byte("s"), Source: Source{Attack: KindEmpty}}
				w.Result(rep, false)
			}
			if err := w.End(rep, err); err != nil {
				t.Fatal(err)
			}
		}
		return b.String()
	}
	if got, want := run(false, 1), "alg:       HS256\nsecret:    FOUND s\nsource:    the empty secret\ntried:     0 candidates in 0s\n"; got != want {
		t.Errorf("one token as text:\n%s\nwant:\n%s", got, want)
	}
	if got := run(false, 2); !strings.HasPrefix(got, "token on line 3\nalg:") || !strings.Contains(got, "0s\n\ntoken on line 4\nalg:       HS256\n") {
		t.Errorf("two tokens as text:\n%s", got)
	}
	lines := strings.Split(strings.TrimSuffix(run(true, 2), "\n"), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], `{"line":3,"summary":{"alg":"HS256"`) || !strings.HasSuffix(lines[1], `"error":"no luck"}`) {
		t.Errorf("two tokens as JSON:\n%s", strings.Join(lines, "\n"))
	}
}

func TestResumeField(t *testing.T) {
	tests := []struct {
		res  Result
		want string
	}{
		{Result{Attacks: []AttackStats{{Attack: KindBuiltin}, {Attack: KindMask}}, ResumeValid: true}, "Skip"},
		{Result{Attacks: []AttackStats{{Attack: KindMask}, {Attack: KindHybrid}}, ResumeValid: true}, "SkipLines"},
		{Result{Attacks: []AttackStats{{Attack: KindWordlist}}, ResumeValid: true}, "SkipLines"},
		{Result{Attacks: []AttackStats{{Attack: KindMask}}}, ""},
	}
	for _, tt := range tests {
		if got := tt.res.ResumeField(); got != tt.want {
			t.Errorf("%+v: ResumeField() = %q, want %q", tt.res.Attacks, got, tt.want)
		}
	}
}
