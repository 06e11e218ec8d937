# Sourced by the scan benches: sets $gitleaks to $GITLEAKS, a gitleaks on
# PATH, or one installed for the benches only into $out.
gitleaks=${GITLEAKS:-$(command -v gitleaks || true)}
if [[ -z $gitleaks ]]; then
	if [[ ! -x $out/gitleaks ]]; then
		echo "installing gitleaks into $out (bench only)..." >&2
		GOBIN=$PWD/$out go install github.com/zricethezav/gitleaks/v8@latest
	fi
	gitleaks=$out/gitleaks
fi
