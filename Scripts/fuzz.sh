#!/usr/bin/env bash
# Builds a libFuzzer harness from Fuzz/ and runs it for SECONDS on a corpus seeded from the
# project's fixtures. Usage: Scripts/fuzz.sh csv|json|fhir SECONDS [extra libFuzzer flags]
# Corpus: Fuzz/corpus/PARSER (kept between runs); crashes: Fuzz/artifacts/PARSER/crash-*.
# Rerun one input: .build/fuzz/fuzz-PARSER Fuzz/artifacts/PARSER/crash-…
set -euo pipefail
cd "$(dirname "$0")/.."
parser=${1:?usage: Scripts/fuzz.sh csv|json|fhir SECONDS}
seconds=${2:?usage: Scripts/fuzz.sh csv|json|fhir SECONDS}
shift 2
case "$parser" in
  csv) harness=Fuzz/CSVReaderFuzz.swift ;;
  json) harness=Fuzz/JSONParserFuzz.swift ;;
  fhir) harness=Fuzz/BundleStreamFuzz.swift ;;
  *) echo "unknown parser '$parser': csv, json or fhir" >&2; exit 2 ;;
esac

build=.build/fuzz
mkdir -p "$build"
flags=(-O -g -sanitize=fuzzer,address -parse-as-library -package-name episodegrouper
  -enable-testing -I "$build")

# The layers the checks need, each compiled once into an object file and a module, instrumented.
module() {
  local name=$1 stamp="$build/$1.o"
  local sources
  sources=$(find "Sources/$name" -name '*.swift' | sort)
  if [ -f "$stamp" ] && [ -z "$(find "Sources/$name" -name '*.swift' -newer "$stamp")" ]; then
    return
  fi
  echo "compiling $name" >&2
  # shellcheck disable=SC2086
  swiftc "${flags[@]}" -module-name "$name" -wmo -c $sources -o "$build/$name.o" \
    -emit-module -emit-module-path "$build/$name.swiftmodule"
}
module GrouperSupport
module GrouperCore
module GrouperReaders

echo "linking fuzz-$parser" >&2
swiftc "${flags[@]}" -module-name "Fuzz_$parser" "$harness" \
  Tests/EpisodeGrouperTests/Fuzz/ParserProperties.swift \
  "$build/GrouperSupport.o" "$build/GrouperCore.o" "$build/GrouperReaders.o" \
  -o "$build/fuzz-$parser" 2>&1 | { grep -v "Cannot export local symbol '__asan" || true; } >&2

# Seeds: the project's own inputs of this kind, and every input that once found a bug.
seeds="$build/seeds-$parser"
rm -rf "$seeds"
mkdir -p "$seeds" "Fuzz/corpus/$parser" "Fuzz/artifacts/$parser"
fixtures=Tests/EpisodeGrouperTests/Fixtures
case "$parser" in
  csv)
    cp SampleClaims/*.csv SampleClaims/*.psv "$fixtures"/rif-lejr/*.csv \
      EpisodeDefinitions/prices/*.csv EpisodeDefinitions/codesets/*.txt "$seeds"/
    ;;
  json)
    cp EpisodeDefinitions/*.json EpisodeDefinitions/prices/*.json SampleClaims/*.json "$seeds"/
    cp "$fixtures"/json-corpus/pass/* "$seeds"/ 2>/dev/null || true
    for f in "$fixtures"/json-corpus/fail/*; do [ -f "$f" ] && cp "$f" "$seeds/fail-${f##*/}"; done
    split -l 1 "$fixtures/fhir-lejr/eob.ndjson" "$seeds/eob-line-"
    ;;
  fhir)
    cp "$fixtures/fhir-lejr/eob.ndjson" "$seeds"/
    split -l 1 "$fixtures/fhir-lejr/eob.ndjson" "$seeds/eob-line-"
    # The same resources as a Bundle, one entry per line and all on one line.
    awk 'BEGIN { print "{\"resourceType\": \"Bundle\", \"type\": \"searchset\", \"entry\": [" }
      { printf "%s{\"resource\": %s}\n", (NR > 1 ? "," : ""), $0 }
      END { print "]}" }' "$fixtures/fhir-lejr/eob.ndjson" >"$seeds/bundle.json"
    tr -d '\n' <"$seeds/bundle.json" >"$seeds/bundle-one-line.json"
    ;;
esac
for f in "$fixtures"/fuzz-regressions/"$parser"-*; do [ -f "$f" ] && cp "$f" "$seeds"/; done

echo "fuzzing $parser for $seconds s" >&2
exec "$build/fuzz-$parser" "Fuzz/corpus/$parser" "$seeds" -max_total_time="$seconds" \
  -max_len=8192 -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="Fuzz/artifacts/$parser/" "$@"
