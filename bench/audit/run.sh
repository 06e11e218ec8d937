#!/usr/bin/env bash
# Candidates per second of "jwtkey audit" for each attack mode, on one and
# two cores, beside hashcat -m 16500 (when installed; Debian: apt-get install
# hashcat pocl-opencl-icd ocl-icd-libopencl1) and John the Ripper jumbo (when
# JOHN names a john with the HMAC-SHA256 format: Debian's john lacks it, and
# the script says it skipped John). Bench only, never CI.
#
# The token is HS256 (and HS512 for one row) with a 152-byte signing input,
# 6 SHA-256 compressions per candidate, signed with a key no attack finds.
# The wordlist is John's password.lst (Debian john-data), lines numbered
# to make it WORDS lines; nothing here is written by jwtkey's authors.
#
# Each figure is the best of REPEAT runs (default 3): on a shared machine
# the best run is the one least disturbed by neighbours. The load average
# is printed before and after.
#
# Usage: bench/audit/run.sh [CANDIDATES]   (default 40000000 per mask run)
set -euo pipefail
cd "$(dirname "$0")/../.."

HS256='eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyLCJleHAiOjE1MTYyNDI2MjIsInJvbGUiOiJ1dXV1In0.I6xkjbp2KaZ-zWmh2qGgY9FimuD49acSZn01I1fy_0M'
# The same payload under HS512, as audit/bench_test.go signs it.
HS512='eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyLCJleHAiOjE1MTYyNDI2MjIsInJvbGUiOiJ1dXV1In0.U9Son0t94LrbvwUpHiLHa9F0qrd3qwfQi6pQUKoaix5Ooh-okusxS7c9lYTBoTc90Pn67BKzxbognSE_EIl8Zg'
MASK='?a?a?a?a?a?a?a?a'
KEYSPACE=6634204312890625 # 95^8
N=${1:-40000000}
REPEAT=${REPEAT:-3}
WORDS=${WORDS:-2000000}
SOURCE=${SOURCE:-/usr/share/john/password.lst}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/jwtkey" ./cmd/jwtkey
echo "$HS256" > "$tmp/jwt256"
echo "$HS512" > "$tmp/jwt512"

# The wordlist: SOURCE's lines (comments dropped), then the same lines
# numbered, until WORDS lines.
grep -v '^#!comment:' "$SOURCE" > "$tmp/base.txt"
awk -v want="$WORDS" '{ w[n++] = $0 } END { for (i = 0; i < want; i++) print w[i % n] (i < n ? "" : int(i / n)) }' \
	"$tmp/base.txt" > "$tmp/words.txt"
BASE=$(wc -l < "$tmp/base.txt")

# jwtkey_rate CORES TOKEN ARGS...: the rate jwtkey reports, pinned to the
# first CORES CPUs.
jwtkey_rate() {
	local cores=$1 tok=$2
	shift 2
	taskset -c "0-$((cores - 1))" "$tmp/jwtkey" audit --json --threads "$cores" "$@" - < "$tok" |
		sed -n 's/.*"rate":\([0-9.e+]*\).*/\1/p'
}

# hashcat_rate CORES HASHFILE ARGS...: hashcat's own estimate for the
# attack (--speed-only), pinned, with PoCL limited to as many compute units.
hashcat_rate() {
	local cores=$1 file=$2
	shift 2
	POCL_CPU_MAX_CU_COUNT=$cores taskset -c "0-$((cores - 1))" hashcat -m 16500 -O -w 3 --speed-only \
		--potfile-disable --quiet "$file" "$@" 2>/dev/null |
		awk '/^Speed.#/ {
			v = $2; u = $3
			m = (u ~ /^kH/) ? 1e3 : (u ~ /^MH/) ? 1e6 : (u ~ /^GH/) ? 1e9 : 1
			print v * m; exit }'
}

# john_rate CORES FORMAT HASHFILE ARGS...: candidates per second of a
# bounded John run, from its status line (c/s).
john_rate() {
	local cores=$1 format=$2 file=$3
	shift 3
	rm -f "$tmp/john.pot"
	OMP_NUM_THREADS=$cores taskset -c "0-$((cores - 1))" timeout 30 "$JOHN" --format="$format" \
		--pot="$tmp/john.pot" --max-run-time=15 "$@" "$file" 2>&1 |
		awk '/c\/s/ { for (i = 1; i <= NF; i++) if ($i ~ /c\/s$/) { v = $i; sub(/c\/s$/, "", v)
			m = (v ~ /K$/) ? 1e3 : (v ~ /M$/) ? 1e6 : (v ~ /G$/) ? 1e9 : 1; sub(/[KMG]$/, "", v); r = v * m } }
			END { print r + 0 }'
}

# best CMD...: the highest rate of REPEAT runs of CMD.
best() {
	local i r b=0
	for ((i = 0; i < REPEAT; i++)); do
		r=$("$@" || true)
		b=$(awk -v a="$b" -v c="${r:-0}" 'BEGIN { print (c > a) ? c : a }')
	done
	echo "$b"
}

fmt() { awk -v r="$1" 'BEGIN { if (r > 0) printf "%.2f M/s", r / 1e6; else print "-" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b > 0) printf "%.2f", a / b; else print "-" }'; }

have_hashcat=false
if command -v hashcat >/dev/null && command -v taskset >/dev/null; then
	echo "$HS256" > "$tmp/jwt.hashcat"
	if [ "$(hashcat_rate 1 "$tmp/jwt.hashcat" -a 3 "$MASK")" != "" ]; then
		have_hashcat=true
	else
		echo "hashcat: installed but gave no speed (no OpenCL device? install pocl-opencl-icd ocl-icd-libopencl1)"
	fi
else
	echo "hashcat: not installed (apt-get install hashcat pocl-opencl-icd ocl-icd-libopencl1)"
fi
have_john=false
JOHN=${JOHN:-}
if [ -n "$JOHN" ] && "$JOHN" --list=formats 2>/dev/null | grep -qi 'HMAC-SHA256'; then
	have_john=true
	"$tmp/jwtkey" audit --export john - < "$tmp/jwt256" > "$tmp/jwt256.john" 2>/dev/null
	"$tmp/jwtkey" audit --export john - < "$tmp/jwt512" > "$tmp/jwt512.john" 2>/dev/null
else
	echo "John the Ripper: skipped (Debian's john has no HMAC-SHA256 format; set JOHN=path to a jumbo build)"
fi

echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores;" \
	"AVX-512: $(grep -qw avx512f /proc/cpuinfo && echo yes || echo no)"
echo "wordlist: $WORDS lines from $SOURCE ($BASE lines, then numbered); masks: $N candidates per run; best of $REPEAT"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-22s %-6s %12s %12s %12s %8s %8s\n' mode cores jwtkey hashcat john "x hc" "x john"

# row NAME CORES JWTKEY-ARGS -- HASHCAT-ARGS -- JOHN-ARGS: one line.
row() {
	local name=$1 cores=$2 tok=$3 alg=$4
	shift 4
	local jargs=() hargs=() oargs=() part=j a
	for a in "$@"; do
		case "$a" in
		--hc) part=h; continue ;;
		--john) part=o; continue ;;
		esac
		case $part in j) jargs+=("$a") ;; h) hargs+=("$a") ;; o) oargs+=("$a") ;; esac
	done
	local j h=0 o=0
	j=$(best jwtkey_rate "$cores" "$tok" "${jargs[@]}")
	if $have_hashcat && ((${#hargs[@]})); then
		local hf="$tmp/hc.$alg"
		if [ "$alg" = 512 ]; then echo "$HS512" > "$hf"; else echo "$HS256" > "$hf"; fi
		h=$(best hashcat_rate "$cores" "$hf" "${hargs[@]}")
	fi
	if $have_john && ((${#oargs[@]})); then
		o=$(best john_rate "$cores" "HMAC-SHA$alg" "$tmp/jwt$alg.john" "${oargs[@]}")
	fi
	printf '%-22s %-6s %12s %12s %12s %8s %8s\n' "$name" "$cores" "$(fmt "$j")" "$(fmt "$h")" "$(fmt "$o")" \
		"$(ratio "$j" "$h")" "$(ratio "$j" "$o")"
}

SKIP=$((KEYSPACE - N))
for cores in 1 2; do
	row "mask (-a 3)" "$cores" "$tmp/jwt256" 256 --mask "$MASK" --skip "$SKIP" \
		--hc -a 3 "$MASK" --john --mask="$MASK"
	row "wordlist (-a 0)" "$cores" "$tmp/jwt256" 256 -w "$tmp/words.txt" \
		--hc -a 0 "$tmp/words.txt" --john --wordlist="$tmp/words.txt"
	row "--rules (-a 0 -r)" "$cores" "$tmp/jwt256" 256 -w "$tmp/base.txt" --rules \
		--hc -a 0 "$tmp/base.txt" -r audit/rules/jwtkey-forms.rule -r audit/rules/jwtkey-tails.rule
	row "hybrid ?d?d?d?d (-a 6)" "$cores" "$tmp/jwt256" 256 -w "$tmp/base.txt" --mask '?d?d?d?d' \
		--hc -a 6 "$tmp/base.txt" '?d?d?d?d' --john --wordlist="$tmp/base.txt" --mask='?w?d?d?d?d'
	row "mask HS512" "$cores" "$tmp/jwt512" 512 --mask "$MASK" --skip "$SKIP" \
		--hc -a 3 "$MASK" --john --mask="$MASK"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
