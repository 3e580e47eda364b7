#!/usr/bin/env bash
# Times `grouper group` against the same LEJR rules written as DuckDB SQL (Scripts/peer/lejr.sql)
# on one synthetic claim file, and checks that both found the same episodes (ids, line counts
# and allowed totals). The grouper runs with Scripts/peer/definitions, a definition holding the
# SQL's simplified rules (the SQL file's header lists them), so both compute the same thing.
# DuckDB is installed with pip into a virtual environment under .build-peer/ (the grouper never
# needs it). Not run by CI.
# Usage: Scripts/peer-benchmark.sh [members]   (54000 members ≈ 1,000,000 claim lines)
set -euo pipefail
cd "$(dirname "$0")/.."
members=${1:-54000}
venv=.build-peer/venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import duckdb" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet duckdb
fi
swift build -c release --product grouper >/dev/null
bin=.build/release/grouper
drgs=EpisodeDefinitions/codesets/cms_excluded_readmission_drgs.txt
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" synth --members "$members" --seed 1 --out "$work/claims.csv" >/dev/null
lines=$(($(wc -l <"$work/claims.csv") - 1))
cores=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo "?")
duckdb_version=$("$venv/bin/python" -c "import duckdb; print(duckdb.__version__)")

# Wall seconds of the command given, best of three after one run that warms the file cache.
best_of_3() {
  "$@" >/dev/null
  best=""
  for _ in 1 2 3; do
    start=$(date +%s.%N)
    "$@" >/dev/null
    end=$(date +%s.%N)
    seconds=$(awk "BEGIN {printf \"%.2f\", $end - $start}")
    if [ -z "$best" ] || awk "BEGIN {exit !($seconds < $best)}"; then best=$seconds; fi
  done
  echo "$best"
}
grouper_seconds=$(best_of_3 "$bin" group --definitions Scripts/peer/definitions \
  --claims "$work/claims.csv" --out "$work/grouper" --quiet)
duckdb_seconds=$(best_of_3 "$venv/bin/python" Scripts/peer/run_duckdb.py "$work/claims.csv" "$drgs" \
  "$work/duckdb.csv")

# Both must have found the same episodes: ids, claim lines and allowed totals.
"$venv/bin/python" - "$work/grouper/episodes.csv" "$work/duckdb.csv" <<'PY'
import csv, sys
def episodes(path):
    with open(path, newline="", encoding="utf-8") as f:
        return sorted((r["episode_id"], r["claim_lines"], r["allowed_total"]) for r in csv.DictReader(f))
grouper, duckdb = episodes(sys.argv[1]), episodes(sys.argv[2])
if grouper != duckdb:
    diff = sorted(set(grouper) ^ set(duckdb))
    print(f"MISMATCH: grouper {len(grouper)} episodes, DuckDB {len(duckdb)}; first differences: {diff[:5]}")
    sys.exit(1)
total = sum(int(t.replace(".", "")) for _, _, t in grouper)
print(f"same episodes: {len(grouper)} (ids, claim lines and allowed totals agree; {total // 100}.{total % 100:02d} in all)")
PY
echo "claim lines: $lines, members: $members, cores: $cores, DuckDB $duckdb_version"
echo "grouper group (LEJR peer definition), best of 3: $grouper_seconds s wall"
echo "DuckDB SQL (Scripts/peer/lejr.sql), best of 3: $duckdb_seconds s wall"
echo "DuckDB / grouper: $(awk "BEGIN {printf \"%.2f\", $duckdb_seconds / $grouper_seconds}")x"
