#!/usr/bin/env bash
# bench/serve/rsaflood.sh: the RSA flood from the hardening issue. Starts
# "jwtkey serve" on loopback, sends N requests for four RS512 keys each at
# once, and while they run asks for one HS256 key every 100 ms. Prints how
# the RSA requests were answered, the wall time until the last answer, the
# CPU seconds the server spent, and the slowest HS256 answer.
#
# Usage: bench/serve/rsaflood.sh [JWTKEY] [N]
#   JWTKEY: a jwtkey binary (default: build ./cmd/jwtkey); N: 16.
# To compare with another revision, build it and pass its binary, e.g.
#   git archive main | tar -x -C /tmp/main && (cd /tmp/main && go build -o /tmp/jwtkey-main ./cmd/jwtkey)
#   bench/serve/rsaflood.sh /tmp/jwtkey-main
# Needs curl. Linux only (reads the server's CPU time from /proc).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
bin=${1:-}
n=${2:-16}
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

if [ -z "$bin" ]; then
	(cd "$root" && go build -o "$work/jwtkey" ./cmd/jwtkey)
	bin=$work/jwtkey
fi

"$bin" serve --addr 127.0.0.1:0 >"$work/url" 2>"$work/err" &
server=$!
pids+=("$server")
for _ in $(seq 100); do
	[ -s "$work/url" ] && break
	sleep 0.05
done
url=$(head -n1 "$work/url")
[ -n "$url" ] || { echo "rsaflood.sh: the server did not start:" >&2; cat "$work/err" >&2; exit 2; }

cpu() { # the server's user+system CPU time, in clock ticks
	awk '{ print $14 + $15 }' "/proc/$server/stat"
}
ticks=$(getconf CLK_TCK)
cpu0=$(cpu)
start=$(date +%s.%N)

for i in $(seq "$n"); do
	curl -s -o /dev/null -w '%{http_code} %{time_total}\n' --max-time 120 \
		"${url}api/v1/key?alg=RS512&count=4" >"$work/rsa.$i" &
done

# One HS256 key every 100 ms while any RSA request is unanswered.
while [ "$(cat "$work"/rsa.* 2>/dev/null | wc -l)" -lt "$n" ]; do
	curl -s -o /dev/null -w '%{time_total}\n' --max-time 120 "${url}api/v1/key?alg=HS256" >>"$work/hmac"
	sleep 0.1
done
wait_end=$(date +%s.%N)
cpu1=$(cpu)

cat "$work"/rsa.* >"$work/rsa"
echo "$n x GET /api/v1/key?alg=RS512&count=4 at once, $(nproc) CPUs, $("$bin" --version 2>/dev/null || echo "$bin")"
awk '{ c[$1]++ } END { for (s in c) printf "  status %s: %d\n", s, c[s] }' "$work/rsa" | sort
awk '$1 == 200 && $2 > m { m = $2 } END { printf "  slowest 200: %.2f s\n", m }' "$work/rsa"
awk '$1 != 200 && $2 > m { m = $2 } END { if (NR) printf "  slowest refusal: %.3f s\n", m }' "$work/rsa"
awk -v a="$start" -v b="$wait_end" 'BEGIN { printf "  wall time to the last answer: %.1f s\n", b - a }'
awk -v a="$cpu0" -v b="$cpu1" -v t="$ticks" 'BEGIN { printf "  server CPU time: %.1f s\n", (b - a) / t }'
sort -n "$work/hmac" | awk '{ v[NR] = $1 } END { printf "  HS256 while flooded: %d requests, median %.3f s, slowest %.3f s\n", NR, v[int((NR + 1) / 2)], v[NR] }'
