#!/usr/bin/env bash
# Renders the report of the shipped sample run in headless Chromium and checks it: no console
# error, no request for anything outside the file, and every figure equal to the run's
# summary.json and episodes.csv (Scripts/check-report.py). Installs Debian's chromium package
# when it is missing. With --screenshot FILE.png it also saves a screenshot of the LEJR section.
#
# Environment: GROUPER, a built grouper binary to use instead of building the release binary.
set -euo pipefail
cd "$(dirname "$0")/.."

screenshot=()
if [[ "${1:-}" == "--screenshot" ]]; then
  screenshot=(--screenshot "$2" --section def-LEJR)
fi

chromium=$(command -v chromium || command -v chromium-browser || true)
if [[ -z "$chromium" ]]; then
  echo "check-report: installing chromium" >&2
  sudo=""
  [[ "$(id -u)" == 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
  chromium=$(command -v chromium)
fi

grouper="${GROUPER:-}"
if [[ -z "$grouper" ]]; then
  swift build -c release --product grouper >&2
  grouper=.build/release/grouper
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$grouper" group --definitions EpisodeDefinitions --claims SampleClaims/claims.csv \
  --members SampleClaims/members.csv --prices EpisodeDefinitions/prices/sample_prices.json \
  --quality EpisodeDefinitions/prices/sample_quality.csv --out "$work/run" --quiet >/dev/null
mkdir "$work/defs60"
cp -R EpisodeDefinitions/. "$work/defs60/"
sed -i.bak 's/"days": 90/"days": 60/' "$work/defs60/LEJR.json" && rm "$work/defs60/LEJR.json.bak"
"$grouper" compare --baseline EpisodeDefinitions --candidate "$work/defs60" \
  --claims SampleClaims/claims.csv --members SampleClaims/members.csv --out "$work/compare" \
  --quiet >/dev/null
"$grouper" sweep --definitions EpisodeDefinitions --claims SampleClaims/claims.csv \
  --members SampleClaims/members.csv --vary 'LEJR.windows.post_anchor.days=30,60,90' \
  --vary 'LEJR.exclude.excluded_readmission=on,off' --out "$work/sweep" --quiet >/dev/null
"$grouper" report --run "$work/run" --compare "$work/compare" --sweep "$work/sweep" \
  --out "$work/report.html" >/dev/null
python3 Scripts/check-report.py --chromium "$chromium" --report "$work/report.html" \
  --run "$work/run" "${screenshot[@]}"
