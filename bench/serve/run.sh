#!/usr/bin/env bash
# bench/serve/run.sh: load GET /api/v1/key of "jwtkey serve" and, for
# scale, a bare net/http handler that returns a constant, with the same
# load generator on loopback; print req/s, p99 latency, errors and the
# ratio of the two (target: >= 0.7).
#
# Usage: bench/serve/run.sh [DURATION] [CONNECTIONS] [THREADS] [ROUNDS]
#   defaults: 5s, 32, 2, 3. Needs wrk (apt-get install -y wrk).
# The two targets are loaded in turn, ROUNDS times each, and the best round
# of each counts: on a shared machine the load of others comes and goes, and
# alternating keeps both sides under the same weather.
# Exit status: 0 when neither side had an error, 1 otherwise.
set -euo pipefail

duration=${1:-5s}
conns=${2:-32}
threads=${3:-2}
rounds=${4:-3}
root=$(cd "$(dirname "$0")/../.." && pwd)

if ! command -v wrk >/dev/null; then
	echo "run.sh: wrk not found; install it with: apt-get install -y wrk" >&2
	exit 2
fi

work=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

(cd "$root" && go build -o "$work/jwtkey" ./cmd/jwtkey && go build -o "$work/bare" ./bench/serve/bare)

# start NAME CMD... runs a server in the background and waits for the URL it
# prints on its first line of output.
start() {
	local name=$1
	shift
	"$@" >"$work/$name.out" 2>"$work/$name.err" &
	pids+=($!)
	for _ in $(seq 100); do
		if [ -s "$work/$name.out" ]; then
			head -n1 "$work/$name.out"
			return
		fi
		sleep 0.05
	done
	echo "run.sh: $name did not start:" >&2
	cat "$work/$name.err" >&2
	exit 2
}

jwtkey_url=$(start jwtkey "$work/jwtkey" serve --addr 127.0.0.1:0)
bare_url=$(start bare "$work/bare")

# load NAME URL prints "req/s p99 errors" for one wrk run.
load() {
	local out="$work/$1.wrk"
	wrk -t"$threads" -c"$conns" -d"$duration" --latency "$2" >"$out"
	awk '
		/Requests\/sec:/ { rps = $2 }
		$1 == "99%" { p99 = $2 }
		/Socket errors:/ { gsub(",", ""); errs += $4 + $6 + $8 + $10 }
		/Non-2xx or 3xx responses:/ { errs += $5 }
		END { printf "%s %s %d\n", rps, p99, errs }
	' "$out"
}

jwtkey_target="${jwtkey_url}api/v1/key?alg=HS256&encoding=hex"
wrk -t"$threads" -c"$conns" -d2s "$jwtkey_target" >/dev/null # warm up
wrk -t"$threads" -c"$conns" -d2s "$bare_url" >/dev/null

# best keeps the round with the most req/s; errors add up over all rounds.
j_rps=0 j_p99=- j_err=0 b_rps=0 b_p99=- b_err=0
for round in $(seq "$rounds"); do
	read -r rps p99 err < <(load jwtkey "$jwtkey_target")
	echo "round $round: jwtkey $rps req/s, p99 $p99, $err errors" >&2
	j_err=$((j_err + err))
	if awk -v a="$rps" -v b="$j_rps" 'BEGIN { exit !(a > b) }'; then j_rps=$rps j_p99=$p99; fi
	read -r rps p99 err < <(load bare "$bare_url")
	echo "round $round: bare   $rps req/s, p99 $p99, $err errors" >&2
	b_err=$((b_err + err))
	if awk -v a="$rps" -v b="$b_rps" 'BEGIN { exit !(a > b) }'; then b_rps=$rps b_p99=$p99; fi
done

echo "wrk -t$threads -c$conns -d$duration --latency, best of $rounds alternating rounds, loopback, $(nproc) CPUs"
printf '%-34s %12s %10s %7s\n' "target" "req/s" "p99" "errors"
printf '%-34s %12s %10s %7s\n' "jwtkey serve /api/v1/key HS256" "$j_rps" "$j_p99" "$j_err"
printf '%-34s %12s %10s %7s\n' "bare net/http constant" "$b_rps" "$b_p99" "$b_err"
awk -v j="$j_rps" -v b="$b_rps" 'BEGIN { printf "ratio jwtkey/bare: %.2f (target >= 0.70)\n", j / b }'

if [ "$j_err" -ne 0 ] || [ "$b_err" -ne 0 ]; then
	echo "run.sh: errors under load" >&2
	exit 1
fi
