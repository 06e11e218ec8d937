#!/usr/bin/env bash
# startup.sh compares the wall time of a whole "jwtkey check" process with
# "jwtkey" (generate) start-up: check pays for loading its dictionaries,
# generate must not.
#
#   bash bench/check/startup.sh [RUNS]
#   JWTKEY_BIN=/path/to/jwtkey bash bench/check/startup.sh   # a built binary
#
# A loop timed with date +%s%N (no hyperfine needed) for wall time, and
# bash's times for CPU time (user+sys of the children), which a busy
# machine disturbs less. Prints the means and the ratio.
set -eu
runs=${1:-200}
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bin=${JWTKEY_BIN:-}
if [ -z "$bin" ]; then
	(cd "$root" && go build -o "$tmp/jwtkey" ./cmd/jwtkey)
	bin=$tmp/jwtkey
fi
"$bin" > "$tmp/key.txt"             # a strong key: exit 0
printf 'mysecretkey\n' > "$tmp/weak.txt" # a weak one: exit 1

# time_ms CMD...: "wall cpu", mean ms per run over $runs runs, stdin from
# $stdin. Runs in a subshell so times counts only these children.
time_ms() {
	(
		i=0
		start=$(date +%s%N)
		while [ $i -lt "$runs" ]; do
			"$@" < "$stdin" > /dev/null 2>&1 || true
			i=$((i + 1))
		done
		end=$(date +%s%N)
		times > "$tmp/times.$$"
		cpu=$(tail -1 "$tmp/times.$$" | awk '{
			split($1, u, /[ms]/); split($2, s, /[ms]/)
			print (u[1] * 60 + u[2] + s[1] * 60 + s[2]) }')
		echo "$start $end $runs $cpu" | awk '{ printf "%.3f %.3f", ($2 - $1) / $3 / 1e6, $4 * 1000 / $3 }'
	)
}

stdin=/dev/null
gen=$(time_ms "$bin")
help=$(time_ms "$bin" help check)
stdin=$tmp/key.txt
strong=$(time_ms "$bin" check)
stdin=$tmp/weak.txt
weak=$(time_ms "$bin" check)

echo "runs: $runs each, $(nproc) CPUs, load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-36s %10s %10s\n' "" "wall ms" "cpu ms"
for row in "jwtkey (generate)|$gen" "jwtkey help check|$help" "jwtkey check < strong key|$strong" "jwtkey check < mysecretkey|$weak"; do
	name=${row%%|*}
	set -- ${row#*|}
	printf '%-36s %10s %10s\n' "$name" "$1" "$2"
done
echo "$strong $gen" | awk '{ printf "check / generate: wall %.2fx (+%.2f ms), cpu %.2fx (+%.2f ms)\n", $1 / $3, $1 - $3, $2 / $4, $2 - $4 }'
