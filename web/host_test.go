package web

import (
	"net"
	"os"
	"slices"
	"strings"
	"testing"
)

// TestCrossOrigin checks that browser pages of other origins cannot use
// the API, and reach the page only by a link followed to it.
func TestCrossOrigin(t *testing.T) {
	const host = "127.0.0.1:8080"
	tests := []struct {
		name   string
		target string
		hdr    map[string]string
		want   int
	}{
		// Scripts send no Fetch Metadata and no Origin.
		{"curl, api", "/api/v1/key", nil, 200},
		{"curl, healthz", "/healthz", nil, 200},
		{"typed into the address bar", "/api/v1/key", map[string]string{"Sec-Fetch-Site": "none", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document"}, 200},
		{"the page's own fetch", "/check.wasm", map[string]string{"Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "cors", "Sec-Fetch-Dest": "empty"}, 200},
		{"same-origin Origin", "/api/v1/key", map[string]string{"Origin": "http://" + host, "Sec-Fetch-Site": "same-origin"}, 200},
		{"same host behind https", "/api/v1/key", map[string]string{"Origin": "https://" + host}, 200},

		{"cross-site image", "/api/v1/key?alg=RS512&count=4", map[string]string{"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors", "Sec-Fetch-Dest": "image"}, 403},
		{"cross-site fetch", "/api/v1/key", map[string]string{"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "cors", "Origin": "https://attacker.example"}, 403},
		{"cross-site navigation to the api", "/api/v1/key", map[string]string{"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document"}, 403},
		{"another port on localhost", "/api/v1/key", map[string]string{"Sec-Fetch-Site": "same-site", "Sec-Fetch-Mode": "cors", "Origin": "http://127.0.0.1:3000"}, 403},
		{"same-site healthz", "/healthz", map[string]string{"Sec-Fetch-Site": "same-site"}, 403},
		{"unknown Sec-Fetch-Site", "/api/v1/key", map[string]string{"Sec-Fetch-Site": "sideways"}, 403},
		{"foreign Origin alone", "/api/v1/key", map[string]string{"Origin": "http://attacker.example"}, 403},
		{"Origin of another port", "/api/v1/key", map[string]string{"Origin": "http://127.0.0.1:8081"}, 403},
		{"null Origin", "/api/v1/key", map[string]string{"Origin": "null"}, 403},
		{"garbage Origin", "/healthz", map[string]string{"Origin": "::"}, 403},
		{"foreign Origin on the page", "/", map[string]string{"Origin": "http://attacker.example"}, 403},

		{"a link to the page", "/", map[string]string{"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document"}, 200},
		{"the page in a foreign frame", "/", map[string]string{"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "iframe"}, 403},
		{"a hot-linked script", "/app.js", map[string]string{"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors", "Sec-Fetch-Dest": "script"}, 403},
		{"a hot-linked checker", "/check.wasm", map[string]string{"Sec-Fetch-Site": "same-site", "Sec-Fetch-Mode": "cors", "Sec-Fetch-Dest": "empty"}, 403},
	}
	h := Handler(Options{})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			hdr := map[string]string{"Host": host}
			for k, v := range tc.hdr {
				hdr[k] = v
			}
			resp := get(t, h, "GET", tc.target, hdr)
			assertSecurityHeaders(t, resp)
			if resp.StatusCode != tc.want {
				t.Errorf("status %d, want %d: %s", resp.StatusCode, tc.want, body(t, resp))
			}
			if resp.Header.Get("Access-Control-Allow-Origin") != "" {
				t.Error("a response allows cross-origin reads")
			}
		})
	}
}

// TestLoopbackHostsIsExact holds LoopbackHosts, which the serve help and
// the 421 answer quote, to what the check does: each form it names is
// answered, and the near misses are not.
func TestLoopbackHostsIsExact(t *testing.T) {
	for _, form := range []string{"localhost", ".localhost", "127.0.0.0/8", "[::1]"} {
		if !strings.Contains(LoopbackHosts, form) {
			t.Errorf("LoopbackHosts does not mention %s", form)
		}
	}
	answered := []string{"localhost", "Localhost:1", "a.b.localhost", "127.0.0.1", "127.0.0.1:65535", "127.255.255.254", "[::1]", "[::1]:8080"}
	refused := []string{"localhost.", "localhostx", "xlocalhost", "localhost.example", "128.0.0.1", "126.255.255.255", "0.0.0.0", "[::]", "[::2]", "[::ffff:127.0.0.1]", "127.1", "0x7f.0.0.1", "2130706433"}
	check := hostSet{}
	for _, h := range answered {
		if !check.allows(h) {
			t.Errorf("%s is refused, but LoopbackHosts names it", h)
		}
	}
	for _, h := range refused {
		if check.allows(h) {
			t.Errorf("%s is answered, but LoopbackHosts does not name it", h)
		}
	}
}

func TestCheckHost(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		wantErr string
	}{
		{"keys.example.internal", "keys.example.internal", ""},
		{"Keys.Example.", "keys.example", ""},
		{"my_box", "my_box", ""},
		{"192.0.2.10", "192.0.2.10", ""},
		{"[2001:DB8::1]", "2001:db8::1", ""},
		{"2001:db8::1", "2001:db8::1", ""},
		{"", "", "empty"},
		{"*.example.com", "", "wildcards"},
		{"*", "", "wildcards"},
		{"http://keys.example", "", "not a URL"},
		{"keys.example:8080", "", "without a port"},
		{"keys..example", "", "between dots"},
		{"-keys.example", "", "between dots"},
		{"keys example", "", "between dots"},
		{"k\x1b]0;x\x07", "", "between dots"},
		{strings.Repeat("a.", 127) + "aa", "", "longer than"},
	}
	for _, tc := range tests {
		got, err := CheckHost(tc.in)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) || !strings.HasPrefix(err.Error(), "web: ") {
				t.Errorf("CheckHost(%q) = %q, %v; want an error about %q", tc.in, got, err, tc.wantErr)
			}
			if err != nil && strings.ContainsAny(err.Error(), "\x1b\x07") {
				t.Errorf("CheckHost(%q): the error holds control characters: %q", tc.in, err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("CheckHost(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestAllowedHosts(t *testing.T) {
	got, err := AllowedHosts("127.0.0.1:8080", nil)
	if err != nil || len(got) != 0 {
		t.Errorf("on loopback without --allow-host: %q, %v; want nothing beyond loopback", got, err)
	}
	got, err = AllowedHosts("127.0.0.1:8080", []string{"Keys.Example", "keys.example"})
	if err != nil || !slices.Equal(got, []string{"keys.example"}) {
		t.Errorf("on loopback: %q, %v; want [keys.example]", got, err)
	}
	if _, err := AllowedHosts("0.0.0.0:8080", []string{"keys.example:8080"}); err == nil {
		t.Error("a host with a port was taken")
	}

	got, err = AllowedHosts("0.0.0.0:8080", []string{"keys.example"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"keys.example"}
	if name, err := os.Hostname(); err == nil {
		if h, err := CheckHost(name); err == nil && !loopbackHost(h) {
			want = append(want, h)
		}
	}
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range addrs {
		if ipnet, ok := a.(*net.IPNet); ok && !ipnet.IP.IsLoopback() {
			want = append(want, ipnet.IP.String())
		}
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("off loopback the list %q lacks %s", got, w)
		}
	}
	h := Handler(Options{Hosts: got})
	for _, w := range want {
		host := w
		if strings.Contains(w, ":") {
			host = "[" + w + "]"
		}
		if resp := get(t, h, "GET", "/healthz", map[string]string{"Host": host + ":8080"}); resp.StatusCode != 200 {
			t.Errorf("Host %s: status %d, want 200", host, resp.StatusCode)
		}
	}
	if resp := get(t, h, "GET", "/healthz", map[string]string{"Host": "rebind.attacker.example:8080"}); resp.StatusCode != 421 {
		t.Errorf("a rebinding name off loopback: status %d, want 421", resp.StatusCode)
	}
}
