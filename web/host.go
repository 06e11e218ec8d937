package web

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
)

// LoopbackHosts says which Host names every server made by Handler answers
// to, whatever Options.Hosts holds, with any port: loopbackHost implements
// exactly this list (IPv4 addresses written as four decimal numbers, IPv6
// in brackets). The serve help and the 421 answer quote it.
const LoopbackHosts = "localhost, names ending in .localhost, 127.0.0.0/8 and [::1]"

// loopbackHost reports whether host, a Host header without its port and
// brackets, is one of LoopbackHosts. Browsers resolve localhost and
// *.localhost to loopback themselves, so no web site can rebind them.
func loopbackHost(host string) bool {
	lower := strings.ToLower(host)
	if lower == "localhost" || strings.HasSuffix(lower, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	if ip == nil {
		return false
	}
	if strings.Contains(host, ":") {
		return ip.Equal(net.IPv6loopback)
	}
	return ip.To4()[0] == 127
}

// hostOf returns the host part of a Host header: the port and IPv6
// brackets removed, names lower-cased, IP addresses in canonical form.
func hostOf(hostport string) string {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if ip := net.ParseIP(host); ip != nil && strings.Contains(host, ":") {
		if ip.To4() != nil {
			return "::ffff:" + ip.String() // an IPv6 literal stays one
		}
		return ip.String()
	}
	return strings.ToLower(host)
}

// hostSet is the Host check: loopback names, plus the names and addresses
// a server was given.
type hostSet map[string]bool

func newHostSet(hosts []string) hostSet {
	s := hostSet{}
	for _, h := range hosts {
		s[hostOf(h)] = true
	}
	return s
}

func (s hostSet) allows(hostport string) bool {
	host := hostOf(hostport)
	return host != "" && (loopbackHost(host) || s[host])
}

// AllowedHosts returns the Host names, besides LoopbackHosts, that a
// server listening on addr answers to: each of extra, checked by CheckHost,
// and, when addr is not a loopback address, this machine's own names:
// its host name and every address of its network interfaces. Pass the
// result as Options.Hosts.
//
// Addresses of the machine are safe to answer to: a page can only name them
// in a Host header if it came from them. A DNS rebinding attack always
// carries the attacker's own name, which is in no list.
func AllowedHosts(addr string, extra []string) ([]string, error) {
	var hosts []string
	for _, h := range extra {
		c, err := CheckHost(h)
		if err != nil {
			return nil, err
		}
		hosts = append(hosts, c)
	}
	if !IsLoopback(addr) {
		hosts = append(hosts, machineHosts()...)
	}
	slices.Sort(hosts)
	return slices.Compact(hosts), nil
}

// machineHosts returns this machine's host name and its interface
// addresses, without loopback ones (which every server answers to).
func machineHosts() []string {
	var hosts []string
	if name, err := os.Hostname(); err == nil {
		if h, err := CheckHost(name); err == nil && !loopbackHost(h) {
			hosts = append(hosts, h)
		}
	}
	addrs, _ := net.InterfaceAddrs() // none is a fine answer: the list only shrinks
	for _, a := range addrs {
		ipnet, ok := a.(*net.IPNet)
		if !ok || ipnet.IP.IsLoopback() || ipnet.IP.IsUnspecified() {
			continue
		}
		hosts = append(hosts, ipnet.IP.String())
	}
	return hosts
}

// CheckHost returns name, a host name or IP address to answer to, in the
// form the Host check compares: lower case, IPv6 without brackets. A port,
// a wildcard, a URL or anything else that is not a host name is an error.
func CheckHost(name string) (string, error) {
	h := strings.TrimSuffix(strings.TrimPrefix(name, "["), "]")
	if ip := net.ParseIP(h); ip != nil {
		return ip.String(), nil
	}
	bad := func(why string) error {
		return fmt.Errorf("web: %q is not a host name or IP address: %s", name, why)
	}
	switch {
	case h == "":
		return "", bad("it is empty")
	case strings.Contains(h, "*"):
		return "", bad("wildcards are not taken; list each name")
	case strings.Contains(h, "://") || strings.Contains(h, "/"):
		return "", bad("give the host alone, not a URL")
	case strings.Contains(h, ":"):
		return "", bad("give the host alone, without a port: the check ignores ports")
	case len(h) > 253:
		return "", bad("it is longer than a DNS name may be")
	}
	for _, label := range strings.Split(strings.TrimSuffix(h, "."), ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return "", bad("a name has letters, digits, '-' and '_' between dots")
		}
		for _, c := range label {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
				return "", bad("a name has letters, digits, '-' and '_' between dots")
			}
		}
	}
	return strings.ToLower(strings.TrimSuffix(h, ".")), nil
}

// crossOrigin reports whether a request comes from a browser page of
// another origin: its Fetch Metadata say it is not same-origin, or its
// Origin header names another host. Requests from scripts (curl and the
// like) carry neither header; a user typing the URL sends
// Sec-Fetch-Site: none.
//
// An api request is refused whenever it is cross-origin; same-site counts,
// since another port on localhost is another origin. Other paths (the
// page, its assets) let cross-origin navigations through, so that a link to
// the page still opens it, and refuse the rest.
func crossOrigin(r *http.Request, api bool) bool {
	if o := r.Header.Get("Origin"); o != "" {
		u, err := url.Parse(o)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !strings.EqualFold(u.Host, r.Host) {
			return true // includes "null": a sandboxed frame, a file:// page
		}
	}
	switch r.Header.Get("Sec-Fetch-Site") {
	case "", "none", "same-origin":
		return false
	}
	if api {
		return true
	}
	return r.Header.Get("Sec-Fetch-Mode") != "navigate" || r.Header.Get("Sec-Fetch-Dest") != "document"
}
