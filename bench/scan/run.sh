#!/usr/bin/env bash
# Throughput of "jwtkey scan" beside "gitleaks dir" on the same tree, in the
# same run, both with every core busy.
#
#   bench/scan/run.sh [TREE] [RUNS]
#
# TREE defaults to the Go toolchain's source ($(go env GOROOT)/src); RUNS to
# 3 (the best run of each tool counts). gitleaks is taken from $GITLEAKS or
# PATH, else installed for this bench only into bench/out/scan with
# "go install github.com/zricethezav/gitleaks/v8@latest".
#
# MB/s is the tree's size (regular files, apparent size, 1 MB = 10^6 bytes)
# over wall-clock time, the same numerator for both tools. jwtkey runs with
# --no-git --include-tests --max-size 1GiB so that, like gitleaks dir, it
# reads tests, testdata and large files too; it still skips files with NUL
# bytes and vendored directories, so its own byte count is printed as well.
set -euo pipefail
cd "$(dirname "$0")/../.."
tree=${1:-$(go env GOROOT)/src}
runs=${2:-3}
out=bench/out/scan
mkdir -p "$out"

go build -o "$out/jwtkey" ./cmd/jwtkey
source bench/scan/gitleaks.sh

bytes=$(find "$tree" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
files=$(find "$tree" -type f | wc -l)
cores=$(nproc)
echo "tree: $tree ($files files, $((bytes / 1000000)) MB), $cores cores, best of $runs"
echo "gitleaks: $(go version -m "$gitleaks" 2>/dev/null | awk '$1 == "mod" {print $2, $3}')"
find "$tree" -type f -exec cat {} + >/dev/null 2>&1 || true # warm the page cache for both
load=$(cut -d" " -f1-3 /proc/loadavg)

# best CMD...: "wall cpu" seconds of the run with the shortest wall time.
best() {
	local b="" bc=""
	for ((i = 0; i < runs; i++)); do
		local TIMEFORMAT='%R %U %S' r u s
		{ time "$@" >/dev/null 2>"$out/stderr"; } 2>"$out/time" || [[ $? == 1 ]] # 1: findings
		read -r r u s <"$out/time"
		if [[ -z $b ]] || (($(echo "$r < $b" | bc -l))); then b=$r bc=$(echo "$u + $s" | bc -l); fi
	done
	echo "$b $bc"
}

read -r jt jc < <(best "$out/jwtkey" scan --no-git --include-tests --max-size 1GiB --format json -v "$tree")
scanned=$(grep -o '[0-9]* bytes scanned' "$out/stderr" | cut -d' ' -f1 || echo 0)
read -r gt gc < <(best "$gitleaks" dir "$tree" --no-banner --log-level error --exit-code 0 --report-format json --report-path "$out/gitleaks.json")

echo "load average before the runs: $load"
printf '%-10s %8s %8s %10s %14s\n' tool wall-s cpu-s MB/s MB/cpu-s
for t in jwtkey gitleaks; do
	if [[ $t == jwtkey ]]; then w=$jt c=$jc; else w=$gt c=$gc; fi
	printf '%-10s %8.2f %8.2f %10.1f %14.1f\n' $t "$w" "$c" "$(echo "$bytes / $w / 1000000" | bc -l)" "$(echo "$bytes / $c / 1000000" | bc -l)"
done
printf 'jwtkey read %d MB of the %d MB itself (%.1f MB/s of the bytes it scanned)\n' \
	$((scanned / 1000000)) $((bytes / 1000000)) "$(echo "$scanned / $jt / 1000000" | bc -l)"
printf 'ratio jwtkey/gitleaks: %.1fx wall, %.1fx cpu\n' "$(echo "$gt / $jt" | bc -l)" "$(echo "$gc / $jc" | bc -l)"
