# tsc.awk summarizes BenchmarkTSC output (go test -count N): the median of
# cand/s-undisturbed per benchmark, in millions, and for Check and
# CheckBatch the ratio to crypto/hmac with and without reuse.
function median(arr, n,    i, j, t) {
	for (i = 2; i <= n; i++) {
		t = arr[i]
		for (j = i - 1; j >= 1 && arr[j] > t; j--) arr[j+1] = arr[j]
		arr[j+1] = t
	}
	return n % 2 ? arr[(n+1)/2] : (arr[n/2] + arr[n/2+1]) / 2
}
/^BenchmarkTSC\// {
	name = $1
	sub(/^BenchmarkTSC\//, "", name)
	sub(/-[0-9]+$/, "", name)
	for (i = 3; i < NF; i++)
		if ($(i+1) == "cand/s-undisturbed") {
			if (!(name in count)) order[++names] = name
			v[name, ++count[name]] = $i / 1e6
		}
}
END {
	for (o = 1; o <= names; o++) {
		name = order[o]
		delete a
		for (k = 1; k <= count[name]; k++) a[k] = v[name, k]
		med[name] = median(a, count[name])
	}
	printf "%-36s %10s %12s %12s\n", "", "M cand/s", "x zero-alloc", "x hmac.New"
	for (o = 1; o <= names; o++) {
		name = order[o]
		split(name, p, "/")
		z = med[p[1] "/stdlib-zero-alloc"]; n = med[p[1] "/stdlib-new-per-candidate"]
		if (name ~ /^sha|x[0-9]+$/ || z == 0) {
			printf "%-36s %10.2f\n", name, med[name]
		} else {
			printf "%-36s %10.2f %12.2f %12.2f\n", name, med[name], med[name] / z, med[name] / n
		}
	}
}
