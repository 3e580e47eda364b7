#!/usr/bin/env bash
# Runs the Spark job (Integrations/spark/grouper_spark.py) in local[2] mode and checks that its
# output equals a single `grouper group` run byte for byte (every file, diff -r): on the shipped
# samples (native CSV, a copy with rejected rows, warnings and blank lines, and Parquet) and on a
# synthetic file of about 200,000 lines; the samples also priced after the merge. Also checks the
# splitter's member hash against grouper's own --shard assignment, and that it refuses a row
# spanning lines. PySpark is installed with pip into a virtual environment under
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

# The splitter refuses a row that spans lines (a newline inside quotes), naming the line.
printf 'claim_id,member_id\nC1,"M\n1"\n' >"$work/multiline.csv"
checks=$((checks + 1))
if "$python" "$split" split "$work/multiline.csv" --partitions 2 --out "$work/multiline" \
  2>"$work/multiline.err" >/dev/null \
  || ! grep -q "multiline.csv:2: a quoted field runs past the end of the line" "$work/multiline.err"
then
  echo "check-spark: FAIL the splitter accepts a row that spans lines" >&2
  failures=$((failures + 1))
fi

# single NAME CLAIMS MEMBERS: the single run the job must equal.
single() {
  "$grouper" group --definitions "$definitions" --claims "$2" --members "$3" --skip-invalid \
    --out "$work/$1-single" --quiet >/dev/null
}

# check NAME: the job's folder against the single run's, every file.
check() {
  checks=$((checks + 1))
  if diff -r "$work/$1-single" "$work/$1-spark" >"$work/$1.diff"; then
    echo "check-spark: $1: the Spark result equals the single run"
  else
    echo "check-spark: FAIL $1: the Spark result differs from the single run" >&2
    head -40 "$work/$1.diff" >&2
    failures=$((failures + 1))
  fi
}

# The samples, through spark-submit as on a cluster (the binary shipped with --files), priced
# after the merge as the single run is priced after grouping.
prices=$PWD/EpisodeDefinitions/prices/sample_prices.json
single samples "$samples/claims.csv" "$samples/members.csv"
"$grouper" price --run "$work/samples-single" --prices "$prices" --quiet >/dev/null
t0=$SECONDS
"$venv/bin/spark-submit" --master 'local[2]' --files "$grouper" --py-files "$split" "$job" \
  --grouper "$grouper" --definitions "$definitions" --claims "$samples/claims.csv" \
  --members "$samples/members.csv" --partitions 3 --skip-invalid --out "$work/samples-spark" \
  --prices "$prices" \
  >"$work/samples.log" 2>&1 || { cat "$work/samples.log" >&2; exit 1; }
echo "check-spark: spark-submit on the samples took $((SECONDS - t0)) s"
check samples

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
single rough "$work/rough.csv" "$samples/members.csv"
single parquet "$samples/claims.csv" "$samples/members.csv"
# About 200,000 lines (18.5 lines a member).
"$grouper" synth --members 10800 --seed 12 --out "$work/synth.csv" \
  --members-out "$work/synth-members.csv" --quiet >/dev/null
echo "check-spark: synthetic file of $(($(wc -l <"$work/synth.csv") - 1)) lines"
single synthetic "$work/synth.csv" "$work/synth-members.csv"

# The rest in one Spark session (each session starts a JVM): the rough copy; the samples as
# Parquet (string columns, the file's order) named as the CSV they came from; the synthetic file.
t0=$SECONDS
"$python" - "$work" "$grouper" "$definitions" "$samples" >"$work/session.log" 2>&1 <<'PY' || {
import sys
sys.path.insert(0, "Integrations/spark")
import grouper_spark
from pyspark.sql import SparkSession
work, grouper, definitions, samples = sys.argv[1:]
spark = SparkSession.builder.master("local[2]").appName("check-spark").getOrCreate()
frame = spark.read.option("header", True).option("inferSchema", False).csv(f"{samples}/claims.csv")
frame.coalesce(1).write.parquet(f"{work}/claims.parquet")
common = ["--grouper", grouper, "--definitions", definitions, "--skip-invalid"]
jobs = [
    ["--claims", f"{work}/rough.csv", "--members", f"{samples}/members.csv", "--partitions", "2",
     "--out", f"{work}/rough-spark"],
    ["--claims", f"{work}/claims.parquet", "--input-format", "parquet",
     "--source", f"{samples}/claims.csv", "--members", f"{samples}/members.csv",
     "--partitions", "2", "--out", f"{work}/parquet-spark"],
    ["--claims", f"{work}/synth.csv", "--members", f"{work}/synth-members.csv",
     "--partitions", "4", "--out", f"{work}/synthetic-spark"],
]
for job in jobs:
    status = grouper_spark.run_job(spark, grouper_spark.arguments(common + job))
    if status != 0:
        sys.exit(status)
spark.stop()
PY
  cat "$work/session.log" >&2
  exit 1
}
echo "check-spark: the other three jobs took $((SECONDS - t0)) s in one session"
for name in rough parquet synthetic; do check "$name"; done

echo "check-spark: $((checks - failures)) passed, $failures failed ($((SECONDS - started)) s)"
[ "$failures" -eq 0 ]
