#!/usr/bin/env bash
# Derives datasets/cab/favorability.csv (totals) and datasets/cab/groups.csv (subgroups: domains
# of each file's design, citing favorability.csv's source ids) from the 15 CAB respondent-level files (wave 1 KZ as
# CSV, waves 4/8/12 as .xlsx) with `barometer import cab` (the files stay outside the
# repository: no redistribution licence).
#   scripts/build-cab.sh [CAB_DIR]     then: scripts/embed-datasets
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
src="${1:-}"
if [ -z "$src" ]; then
  for c in "$root/../shared/data/cab-microdata" "$root/../../shared/data/cab-microdata"; do
    [ -d "$c" ] && src="$c" && break
  done
fi
[ -d "$src" ] || { echo "build-cab.sh: CAB microdata folder not found (give it as an argument)" >&2; exit 1; }
bin="${BAROMETER:-$root/.build/release/barometer}"
[ -x "$bin" ] || { (cd "$root" && swift build -c release >/dev/null); }
files=()
# Wave 1 (summer 2017): only Kazakhstan's file, an R re-export of CAB's Excel download as CSV.
[ -f "$src/CAB_2017_KZ.csv" ] && files+=("$src/CAB_2017_KZ.csv")
for w in 2018 2020 2022; do for c in KG KZ TJ TM UZ; do
  f="$src/CAB_${w}_${c}.xlsx"; [ -f "$f" ] && files+=("$f")
done; done
[ "${#files[@]}" -eq 15 ] || { echo "build-cab.sh: expected 15 files, found ${#files[@]}" >&2; exit 1; }
# Relative names in the citations: run from the microdata folder.
names=(); for f in "${files[@]}"; do names+=("$(basename "$f")"); done
(cd "$src" && "$bin" import cab "${names[@]}" --out "$root/datasets/cab/favorability.csv" \
  --groups all --groups-out "$root/datasets/cab/groups.csv")
