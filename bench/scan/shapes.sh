#!/usr/bin/env bash
# Recall and false positives of "jwtkey scan" beside gitleaks on the
# minimal reproductions in scan/testdata/shapes, per language.
#
#   bench/scan/shapes.sh
#
# gitleaks is taken from $GITLEAKS or PATH, else installed as run.sh does.
# A labelled secret is found when a tool reports its file and line; a
# false positive is a report on a line labelled as a look-alike.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=bench/out/scan
mkdir -p "$out"
tree=scan/testdata/shapes
labels=scan/testdata/shapes.labels
go build -o "$out/jwtkey" ./cmd/jwtkey
source bench/scan/gitleaks.sh

# FILE:LINE of each report, one a line.
"$out/jwtkey" scan --no-git "$tree" 2>/dev/null | grep -oE '^[^ :]+:[0-9]+' | sort -u >"$out/shapes.jwtkey" || true
"$gitleaks" dir "$tree" --no-banner --log-level error --exit-code 0 --report-format json --report-path "$out/shapes.gitleaks.json"
awk -v root="$tree/" '/"File":/ {f = $2; gsub(/[",]/, "", f); sub(root, "", f)} /"StartLine":/ {l = $2; gsub(/,/, "", l); print f ":" l}' \
	"$out/shapes.gitleaks.json" | sort -u >"$out/shapes.gitleaks"

echo "gitleaks: $(go version -m "$gitleaks" 2>/dev/null | awk '$1 == "mod" {print $2, $3}')"
printf '%-8s %-10s %12s %16s\n' tool language recall false-pos
for tool in jwtkey gitleaks; do
	awk -v tool=$tool -v found="$out/shapes.$tool" '
		BEGIN { while ((getline l < found) > 0) hit[l] = 1 }
		/^[+-] / {
			split($2, p, "/"); lang = p[1]
			if ($1 == "+") { pos[lang]++; if (hit[$2]) ok[lang]++ }
			else { neg[lang]++; if (hit[$2]) fp[lang]++ }
			langs[lang] = 1
		}
		END {
			for (l in langs) {
				printf "%-8s %-10s %6d/%-5d %10d/%-5d\n", tool, l, ok[l], pos[l], fp[l], neg[l]
				P += pos[l]; O += ok[l]; N += neg[l]; F += fp[l]
			}
			printf "%-8s %-10s %6d/%-5d %10d/%-5d\n", tool, "all", O, P, F, N
		}' "$labels" | sort
done
