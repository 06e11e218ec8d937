#!/usr/bin/env bash
# How much of the HMAC kernel's speed the whole process keeps, per CPU
# second, which a machine shared with other jobs disturbs less than wall
# clock: the AVX-512 kernel alone (internal/fasthmac BenchmarkKernelAVX512,
# the benchmark token's 3 message blocks), then one-thread jwtkey runs of a
# mask and of the built-in rules over John's password.lst (Debian
# john-data) and numbered copies of it. Prints each and the ratios the issue's targets are stated in:
# process/kernel for masks (>= 0.85) and rules/mask (>= 0.90).
#
# Usage: bench/audit/ratio.sh [RUNS]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/../.."

TOKEN='eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyLCJleHAiOjE1MTYyNDI2MjIsInJvbGUiOiJ1dXV1In0.I6xkjbp2KaZ-zWmh2qGgY9FimuD49acSZn01I1fy_0M'
KEYSPACE=6634204312890625
N=${N:-20000000}
SOURCE=${SOURCE:-/usr/share/john/password.lst}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/jwtkey" ./cmd/jwtkey
go test -c -o "$tmp/fasthmac.test" ./internal/fasthmac
# SOURCE's lines, then numbered copies of them: 4 times as many, so that
# the rules run long enough for the start to count little.
grep -v '^#!comment:' "$SOURCE" | awk '{ w[n++] = $0 } END { for (i = 0; i < 4 * n; i++) print w[i % n] (i < n ? "" : int(i / n)) }' > "$tmp/words.txt"
echo "$TOKEN" > "$tmp/jwt"

kernel() {
	"$tmp/fasthmac.test" -test.run '^$' -test.bench 'KernelAVX512/sha256/blocks=3' -test.benchtime 600000x -test.cpu 1 |
		grep -o '[0-9.]* cand/cpu-s' | cut -d' ' -f1
}

# process ARGS...: candidates per CPU second of one single-thread run.
process() {
	local t c
	t=$({ /usr/bin/time -f '%U %S' "$tmp/jwtkey" audit --json --threads 1 "$@" - < "$tmp/jwt" > "$tmp/out.json"; } 2>&1)
	c=$(sed -n 's/.*"candidates":\([0-9]*\),"seconds.*/\1/p' "$tmp/out.json" | tail -1)
	echo "$t" | awk -v c="$c" '{ print c / ($1 + $2) }'
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %14s %14s %14s %10s %10s\n' run kernel mask rules mask/kern rules/mask
for ((i = 1; i <= ${1:-5}; i++)); do
	k=$(kernel)
	m=$(process --mask '?a?a?a?a?a?a?a?a' --skip $((KEYSPACE - N)))
	r=$(process -w "$tmp/words.txt" --rules)
	awk -v i="$i" -v k="$k" -v m="$m" -v r="$r" 'BEGIN {
		printf "%-8s %11.2f M/s %11.2f M/s %11.2f M/s %10.3f %10.3f\n", i, k / 1e6, m / 1e6, r / 1e6, m / k, r / m }'
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
