#!/usr/bin/env bash
# Candidates per second of "jwtkey audit" on one and two cores, against a
# fixed HS256 token with a 152-byte signing input (6 SHA-256 compressions
# per candidate) and a mask that does not contain its key; and the same
# for hashcat -m 16500 -a 3 when it is installed (Debian: apt-get install
# hashcat pocl-opencl-icd ocl-icd-libopencl1). Bench only, never CI.
#
# Each figure is the best of REPEAT runs (default 3): on a shared machine
# the best run is the one least disturbed by neighbours.
#
# Usage: bench/audit/run.sh [CANDIDATES]   (default 40000000 per run)
set -euo pipefail
cd "$(dirname "$0")/../.."

TOKEN='eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyLCJleHAiOjE1MTYyNDI2MjIsInJvbGUiOiJ1dXV1In0.I6xkjbp2KaZ-zWmh2qGgY9FimuD49acSZn01I1fy_0M'
MASK='?a?a?a?a?a?a?a?a'
KEYSPACE=6634204312890625 # 95^8
N=${1:-40000000}
REPEAT=${REPEAT:-3}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/jwtkey" ./cmd/jwtkey

# jwtkey_rate THREADS: the last N candidates of the mask (--skip), so the
# run is bounded and never finds the key.
jwtkey_rate() {
	local out
	out=$(echo "$TOKEN" | "$tmp/jwtkey" audit --json --threads "$1" --mask "$MASK" --skip $((KEYSPACE - N)) -)
	echo "$out" | sed -n 's/.*"rate":\([0-9.e+]*\).*/\1/p'
}

# hashcat_rate CPUS: hashcat's own estimate for this attack (--speed-only),
# pinned to the given CPUs with PoCL limited to as many compute units.
hashcat_rate() {
	local cpus=$1 n
	n=$(echo "$cpus" | tr ',' '\n' | wc -l)
	echo "$TOKEN" > "$tmp/jwt.hashcat"
	POCL_CPU_MAX_CU_COUNT=$n taskset -c "$cpus" hashcat -m 16500 -a 3 -O -w 3 --speed-only \
		--potfile-disable --quiet "$tmp/jwt.hashcat" "$MASK" 2>/dev/null |
		awk '/^Speed.#/ {
			v = $2; u = $3
			m = (u ~ /^kH/) ? 1e3 : (u ~ /^MH/) ? 1e6 : (u ~ /^GH/) ? 1e9 : 1
			print v * m; exit }'
}

# best CMD...: the highest rate of REPEAT runs of CMD.
best() {
	local i r b=0
	for ((i = 0; i < REPEAT; i++)); do
		r=$("$@")
		b=$(awk -v a="$b" -v c="${r:-0}" 'BEGIN { print (c > a) ? c : a }')
	done
	echo "$b"
}

fmt() { awk -v r="$1" 'BEGIN { printf "%.2f M/s", r / 1e6 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

echo "token: HS256, 152-byte signing input; mask $MASK; $N candidates per jwtkey run; best of $REPEAT"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores"
j1=$(best jwtkey_rate 1)
j2=$(best jwtkey_rate 2)
printf '%-10s %14s %14s %8s\n' tool "1 core" "2 cores" "2/1"
printf '%-10s %14s %14s %8s\n' jwtkey "$(fmt "$j1")" "$(fmt "$j2")" "$(ratio "$j2" "$j1")"

if command -v hashcat >/dev/null && command -v taskset >/dev/null; then
	h1=$(best hashcat_rate 0)
	h2=$(best hashcat_rate 0,1)
	if [ "$h1" != 0 ] && [ "$h2" != 0 ]; then
		printf '%-10s %14s %14s %8s\n' hashcat "$(fmt "$h1")" "$(fmt "$h2")" "$(ratio "$h2" "$h1")"
		echo "jwtkey/hashcat: $(ratio "$j1" "$h1") on 1 core, $(ratio "$j2" "$h2") on 2 cores"
	else
		echo "hashcat: installed but gave no speed (no OpenCL device? install pocl-opencl-icd ocl-icd-libopencl1)"
	fi
else
	echo "hashcat: not installed (apt-get install hashcat pocl-opencl-icd ocl-icd-libopencl1)"
fi
