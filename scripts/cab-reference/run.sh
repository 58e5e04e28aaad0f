#!/usr/bin/env bash
# Regenerates Tests/Fixtures/cab/r-survey-reference.csv and r-survey-groups.csv (aggregates only; no respondent rows)
# from the CAB files: pandas/openpyxl extraction to a temporary folder, then R survey.
#   scripts/cab-reference/run.sh [CAB_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; root="$(dirname "$(dirname "$here")")"
src="${1:-}"
if [ -z "$src" ]; then
  for c in "$root/../shared/data/cab-microdata" "$root/../../shared/data/cab-microdata"; do
    [ -d "$c" ] && src="$c" && break
  done
fi
[ -d "$src" ] || { echo "run.sh: CAB microdata folder not found" >&2; exit 1; }
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
python3 "$here/extract.py" "$src" "$tmp"
Rscript "$here/reference.R" "$tmp" "$root/Tests/Fixtures/cab/r-survey-reference.csv"
echo "wrote Tests/Fixtures/cab/r-survey-reference.csv"
Rscript "$here/groups.R" "$tmp" "$root/Tests/Fixtures/cab/r-survey-groups.csv"
echo "wrote Tests/Fixtures/cab/r-survey-groups.csv"
