#!/usr/bin/env bash
# Runs the Spark job (Integrations/spark/grouper_spark.py) in local[2] mode and checks that its
# output equals a single `grouper group` run byte for byte (every file, diff -r): on the shipped
# samples (native CSV, a copy with rejected rows, warnings and blank lines, and Parquet) and on a
# synthetic file of about 200,000 lines. Also checks the splitter's member hash against grouper's
# own --shard assignment. PySpark is installed with pip into a virtual environment under
# .build-spark/ (the grouper never needs it) and runs on the machine's Java 17 (Debian's
# openjdk-17-jre-headless is installed when no Java 17 is found).
#
# Environment: GROUPER, a built grouper binary to use instead of building the release binary.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS

venv=.build-spark/venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import pyspark" 2>/dev/null; then
  echo "check-spark: installing pyspark into $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet pyspark
fi

java17=""
for candidate in /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/java-17-openjdk-arm64 \
  /usr/lib/jvm/java-17-openjdk; do
  if [ -x "$candidate/bin/java" ]; then java17=$candidate; break; fi
done
if [ -z "$java17" ]; then
  echo "check-spark: installing openjdk-17-jre-headless" >&2
  sudo=""
  [[ "$(id -u)" == 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq openjdk-17-jre-headless >/dev/null
  java17=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
fi
export JAVA_HOME=$java17
export PYSPARK_PYTHON="$PWD/$venv/bin/python"

grouper="${GROUPER:-}"
if [[ -z "$grouper" ]]; then
  swift build -c release --product grouper >&2
  grouper=.build/release/grouper
fi
grouper=$(readlink -f "$grouper")
python="$venv/bin/python"
split=Integrations/spark/grouper_partition.py
job=Integrations/spark/grouper_spark.py
definitions=$PWD/EpisodeDefinitions
samples=$PWD/SampleClaims

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
checks=0

# The splitter's hash against grouper's: every member of shard K's episodes falls in partition K.
for k in 1 2 3; do
  "$grouper" group --definitions "$definitions" --claims "$samples/claims.csv" --shard "$k/3" \
    --out "$work/shard$k" --quiet >/dev/null
  members=$("$python" -c 'import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
print(" ".join(sorted({r["member_id"] for r in rows})))' "$work/shard$k/episodes.csv")
  # shellcheck disable=SC2086
  wrong=$("$python" "$split" shard 3 $members | grep -vx "$k" || true)
  checks=$((checks + 1))
  if [ -n "$wrong" ]; then
    echo "check-spark: FAIL the splitter places members of shard $k elsewhere" >&2
    failures=$((failures + 1))
  fi
done

# compare NAME CLAIMS MEMBERS PARTITIONS [job options]: the job against a single run.
compare() {
  local name=$1 claims=$2 members=$3 partitions=$4
  shift 4
  "$grouper" group --definitions "$definitions" --claims "$claims" --members "$members" \
    --skip-invalid --out "$work/$name-single" --quiet >/dev/null
  local t0=$SECONDS
  "$python" "$job" --master 'local[2]' --grouper "$grouper" --definitions "$definitions" \
    --members "$members" --partitions "$partitions" --skip-invalid --out "$work/$name-spark" \
    "$@" >"$work/$name.log" 2>&1 || { cat "$work/$name.log" >&2; return 1; }
  checks=$((checks + 1))
  if diff -r "$work/$name-single" "$work/$name-spark" >"$work/$name.diff"; then
    echo "check-spark: $name: the Spark result equals the single run ($((SECONDS - t0)) s)"
  else
    echo "check-spark: FAIL $name: the Spark result differs from the single run" >&2
    head -40 "$work/$name.diff" >&2
    failures=$((failures + 1))
  fi
}

compare samples "$samples/claims.csv" "$samples/members.csv" 3 --claims "$samples/claims.csv"

# A copy of the samples with rows to reject (a bad date, too few fields, a duplicate line, a
# claim whose lines name two payers, no member id), a blank line, a quoted member id with spaces
# and a tab, and a CRLF line.
"$python" - "$samples/claims.csv" "$work/rough.csv" <<'PY'
import sys
lines = open(sys.argv[1], "rb").read().split(b"\n")
header, rows = lines[0], [r for r in lines[1:] if r]
out = [header]
extra = {
    3: [b""],
    5: [b"X1,1,M002,MEDICARE,inpatient,2024-13-40,2024-01-11,,,100001,,470,M17.11,,,,,0120,,03,100.00,0"],
    7: [b"X2,1,M003,too,few"],
    9: [rows[9]],
    11: [b'"X3",1,"M004",OTHERPAYER,professional,2024-02-01,,,,1234567890,,,M17.11,,,99213,,,11,,50.00,40.00'],
    12: [b'"X3",2,"M004",MEDICARE,professional,2024-02-01,,,,1234567891,,,M17.11,,,99213,,,11,,60.00,40.00\r'],
    13: [b"X4,1,,MEDICARE,professional,2024-02-01,,,,1234567890,,,M17.11,,,99213,,,11,,50.00,40.00"],
    14: [b'X5,1," M005\t",MEDICARE,professional,2025-03-01,,,,1234567893,,,I10,,,99213,,,11,,50.00,40.00'],
}
for i, row in enumerate(rows):
    out.append(row)
    out += extra.get(i, [])
open(sys.argv[2], "wb").write(b"\n".join(out) + b"\n")
PY
compare rough "$work/rough.csv" "$samples/members.csv" 2 --claims "$work/rough.csv"

# The samples as Parquet (string columns, the file's order), named as the CSV they came from.
"$python" - "$samples/claims.csv" "$work/claims.parquet" <<'PY' >/dev/null 2>&1
import sys
from pyspark.sql import SparkSession
spark = SparkSession.builder.master("local[1]").getOrCreate()
frame = spark.read.option("header", True).option("inferSchema", False).csv(sys.argv[1])
frame.coalesce(1).write.parquet(sys.argv[2])
spark.stop()
PY
compare parquet "$samples/claims.csv" "$samples/members.csv" 2 --claims "$work/claims.parquet" \
  --input-format parquet --source "$samples/claims.csv"

# About 200,000 lines (18.5 lines a member).
"$grouper" synth --members 10800 --seed 12 --out "$work/synth.csv" \
  --members-out "$work/synth-members.csv" --quiet >/dev/null
echo "check-spark: synthetic file of $(($(wc -l <"$work/synth.csv") - 1)) lines"
compare synthetic "$work/synth.csv" "$work/synth-members.csv" 4 --claims "$work/synth.csv"

echo "check-spark: $((checks - failures)) passed, $failures failed ($((SECONDS - started)) s)"
[ "$failures" -eq 0 ]
