#!/usr/bin/env bash
# Times `grouper group` on synthetic claims with all shipped definitions (release build).
# Usage: Scripts/benchmark.sh [members]   (54000 members ≈ 1,000,000 claim lines)
set -euo pipefail
cd "$(dirname "$0")/.."
members=${1:-54000}
swift build -c release --product grouper >/dev/null
bin=.build/release/grouper
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" synth --members "$members" --seed 1 --out "$work/claims.csv" --members-out "$work/members.csv" >/dev/null
lines=$(($(wc -l <"$work/claims.csv") - 1))
bytes=$(wc -c <"$work/claims.csv")
cores=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo "?")
run() {
  if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
    /usr/bin/time -v "$bin" group --definitions EpisodeDefinitions --claims "$work/claims.csv" \
      --members "$work/members.csv" --out "$work/out" --quiet 2>"$work/time.txt" >/dev/null
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
    seconds=$(echo "$wall" | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
    echo "$seconds $rss"
  else
    start=$(date +%s.%N)
    "$bin" group --definitions EpisodeDefinitions --claims "$work/claims.csv" --members "$work/members.csv" \
      --out "$work/out" --quiet >/dev/null
    end=$(date +%s.%N)
    echo "$(echo "$end - $start" | bc) ?"
  fi
}
run >/dev/null  # warm the file cache
best=""
for _ in 1 2 3; do
  result=$(run)
  seconds=${result% *}
  if [ -z "$best" ] || awk "BEGIN {exit !($seconds < ${best% *})}"; then best=$result; fi
done
seconds=${best% *}
rss=${best#* }
rate=$(awk "BEGIN {printf \"%d\", $lines / $seconds}")
memory=$([ "$rss" = "?" ] && echo "?" || awk "BEGIN {printf \"%.0f MiB\", $rss / 1024}")
# Peak resident memory (KiB from time -v) per claim line read: what each line costs in memory.
per_line=$([ "$rss" = "?" ] && echo "?" || awk "BEGIN {printf \"%.0f\", $rss * 1024 / $lines}")
echo "claim lines: $lines ($(awk "BEGIN {printf \"%.0f MB\", $bytes / 1e6}")), members: $members, cores: $cores"
echo "grouper group, best of 3: ${seconds} s wall, $rate claim lines/s, peak memory $memory"
echo "lines/s: $rate, bytes per claim line (peak RSS / lines): $per_line"
