#!/usr/bin/env bash
# Start-up cost of `jwtkey` (default key) against `openssl rand -hex 32`.
# Both are run N times in alternating rounds; the script prints the mean wall
# time of each and their ratio. Target: ratio ≤ 1.1.
#   bench/generate/startup.sh [N]     (default N=1000)
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-1000}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
go build -trimpath -o "$out/jwtkey" ./cmd/jwtkey
command -v openssl >/dev/null || { echo "openssl not installed" >&2; exit 2; }

# time_loop CMD...: nanoseconds for n runs of CMD.
time_loop() {
	local start end
	start=$(date +%s%N)
	for ((i = 0; i < n; i++)); do "$@" >/dev/null; done
	end=$(date +%s%N)
	echo $((end - start))
}

rounds=5
j=0 o=0
for ((r = 0; r < rounds; r++)); do
	j=$((j + $(time_loop "$out/jwtkey")))
	o=$((o + $(time_loop openssl rand -hex 32)))
done
total=$((n * rounds))
awk -v j="$j" -v o="$o" -v t="$total" 'BEGIN {
	printf "jwtkey            %7.3f ms/run\n", j / t / 1e6
	printf "openssl rand -hex %7.3f ms/run\n", o / t / 1e6
	printf "ratio jwtkey/openssl: %.2f (target <= 1.10)\n", j / o
}'
