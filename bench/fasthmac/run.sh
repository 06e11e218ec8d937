#!/bin/sh
# run.sh: candidates/s of internal/fasthmac against crypto/hmac, on one core.
#
# Usage: bench/fasthmac/run.sh [COUNT]      (COUNT repetitions, default 5)
#
# Prints two tables of millions of candidates per second, HS256/384/512 on
# a 152-byte signing input, with the ratio to crypto/hmac:
#   - "undisturbed" (amd64 only): TSC ticks per candidate at the 5th
#     percentile of many short samples, converted with the measured TSC
#     rate: what one core does when no other process disturbs it. On a
#     shared machine this is the steady figure; medians over COUNT runs.
#   - wall clock and CPU time: Go's usual benchmarks (-cpu 1), medians and
#     best of COUNT runs; on a busy machine wall clock is mostly noise.
# Raw `go test` output is kept in $TMPDIR/fasthmac-bench.*.txt.
set -eu
cd "$(dirname "$0")/../.."
count=${1:-5}
here=bench/fasthmac
tmp=${TMPDIR:-/tmp}
tsc=$tmp/fasthmac-bench.tsc.txt
std=$tmp/fasthmac-bench.std.txt

echo "# $(go version); $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //'); load: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
if [ "$(go env GOARCH)" = amd64 ]; then
	go test -run '^$' -bench '^BenchmarkTSC$' -benchtime 2x -count "$count" -cpu 1 ./internal/fasthmac >"$tsc"
	echo
	echo "## undisturbed core (TSC), median of $count runs"
	awk -f $here/tsc.awk "$tsc"
fi
go test -run '^$' -bench '^Benchmark(Check|CheckBatch|Stdlib)$' -benchtime 300ms -count "$count" -cpu 1 ./internal/fasthmac >"$std"
echo
echo "## go test -bench, -cpu 1, $count runs"
awk -f $here/summarize.awk "$std"
