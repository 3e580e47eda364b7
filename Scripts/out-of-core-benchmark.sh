#!/usr/bin/env bash
# Times `grouper group --memory-limit LIMIT` on LINES synthetic claim lines (release build, all
# shipped definitions): wall time and peak resident memory from /usr/bin/time -v. With
# --compare, also groups the same file in memory (--memory-limit 1T) and checks that every
# output is the same bytes.
# Usage: Scripts/out-of-core-benchmark.sh LINES LIMIT [--compare]
#   e.g. Scripts/out-of-core-benchmark.sh 5000000 512M --compare
#        Scripts/out-of-core-benchmark.sh 50000000 1536M        (≈5.5 GB of claims, minutes)
# WORK=DIR keeps the files in DIR (default: a temporary folder, removed at the end).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 2 ]; then
  echo "usage: $0 LINES LIMIT [--compare]" >&2
  exit 64
fi
lines=$1
limit=$2
compare=${3:-}
swift build -c release --product grouper >/dev/null
bin=$PWD/.build/release/grouper
if [ -n "${WORK:-}" ]; then
  work=$WORK
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work/tmp"
# grouper synth writes about 18.5 claim lines a member (54,000 members ≈ 1,000,000 lines).
members=$(( (lines * 10 + 184) / 185 ))
if [ ! -s "$work/claims.csv" ] || [ "$(cat "$work/members.txt" 2>/dev/null)" != "$members" ]; then
  "$bin" synth --members "$members" --seed 1 --out "$work/claims.csv" \
    --members-out "$work/members.csv" --quiet
  echo "$members" >"$work/members.txt"
fi
read_lines=$(($(wc -l <"$work/claims.csv") - 1))
bytes=$(wc -c <"$work/claims.csv")
echo "claim lines: $read_lines ($(awk "BEGIN {printf \"%.2f GB\", $bytes / 1e9}")), members: $members"

# Runs group with the given memory limit into $work/$1; prints wall seconds and peak RSS (KiB).
measure() {
  local out=$1 size=$2
  /usr/bin/time -v "$bin" group --definitions EpisodeDefinitions --claims "$work/claims.csv" \
    --members "$work/members.csv" --out "$work/$out" --memory-limit "$size" \
    --temp-dir "$work/tmp" 2>"$work/$out.time" >"$work/$out.stdout"
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/$out.time")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/$out.time")
  echo "$(echo "$wall" | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }') $rss"
}
report() {
  local what=$1 result=$2
  local seconds=${result% *} rss=${result#* }
  echo "$what: ${seconds} s wall, $(awk "BEGIN {printf \"%d\", $read_lines / $seconds}") lines/s," \
    "peak memory $(awk "BEGIN {printf \"%.0f MiB\", $rss / 1024}")" \
    "($(awk "BEGIN {printf \"%.0f\", $rss * 1024 / $read_lines}") bytes per claim line)"
}
spilled=$(measure spilled "$limit")
grep -h "partitions spilled" "$work/spilled.time" || true
report "out of core, --memory-limit $limit" "$spilled"
if [ "$compare" = "--compare" ]; then
  memory=$(measure memory 1T)
  report "in memory" "$memory"
  same=yes
  for f in episodes.csv episode_claims.csv excluded_claims.csv rejected.csv summary.json; do
    if ! cmp -s "$work/memory/$f" "$work/spilled/$f"; then
      echo "DIFFERENT: $f"
      same=no
    fi
  done
  echo "outputs byte-identical: $same"
  [ "$same" = yes ]
fi
if [ -n "$(ls -A "$work/tmp")" ]; then
  echo "spill files left in $work/tmp" >&2
  exit 1
fi
