# summarize.awk reads `go test -bench` output run with -count N and prints,
# per benchmark, the median and the best of candidates/s (wall clock) and
# cand/cpu-s (per CPU second: steadier on a shared machine), in millions.
function median(arr, n,    i, j, t) {
	for (i = 2; i <= n; i++) {
		t = arr[i]
		for (j = i - 1; j >= 1 && arr[j] > t; j--) arr[j+1] = arr[j]
		arr[j+1] = t
	}
	return n % 2 ? arr[(n+1)/2] : (arr[n/2] + arr[n/2+1]) / 2
}
/^Benchmark/ {
	name = $1
	sub(/-[0-9]+$/, "", name)
	if (!(name in count)) order[++names] = name
	k = ++count[name]
	for (i = 3; i < NF; i++) {
		if ($(i+1) == "candidates/s") wall[name, k] = $i
		if ($(i+1) == "cand/cpu-s") cpu[name, k] = $i
	}
}
END {
	printf "%-52s %9s %9s %9s %9s\n", "benchmark (M candidates/s)", "wall-med", "wall-max", "cpu-med", "cpu-max"
	for (o = 1; o <= names; o++) {
		name = order[o]
		n = count[name]
		delete w; delete c
		wmax = cmax = 0
		for (k = 1; k <= n; k++) {
			w[k] = wall[name, k] / 1e6; c[k] = cpu[name, k] / 1e6
			if (w[k] > wmax) wmax = w[k]
			if (c[k] > cmax) cmax = c[k]
		}
		printf "%-52s %9.3f %9.3f %9.3f %9.3f\n", name, median(w, n), wmax, median(c, n), cmax
		med[name] = median(c, n)
	}
}
