"""Groups a claim file into episodes on Apache Spark with the `grouper` binary, the output
byte-identical to one `grouper group` run over the whole file.

    spark-submit --files /path/to/grouper --py-files grouper_partition.py grouper_spark.py \\
        --grouper grouper --definitions /shared/EpisodeDefinitions --claims CLAIMS \\
        --members /shared/members.csv --partitions 64 --out /local/run [--skip-invalid]

The claims (a native CSV, or Parquet with the native columns) are repartitioned by member with
the hash `grouper group --shard K/N` uses (grouper_partition.py). Each partition task writes its
rows verbatim, in file order, with a "source lines" file giving each row's line in the original,
into a task-local temporary folder and runs grouper on it:

1. `grouper scan` on every partition: the latest from_date of the lines grouper accepts; the
   latest over all partitions is the whole file's data-through date.
2. `grouper group --shard K/N --source-lines … --source CLAIMS --through DATE` on every
   partition; the task returns its output files.

The driver then joins the N folders with `grouper merge` into --out and, with --prices, prices
the merged folder (`grouper price --run OUT`): pricing needs the whole episode population.

The definitions and members file are read by every task at the path given, as summary.json
records them: give absolute paths on a file system every node sees (local mode, or a shared one
such as /dbfs). The grouper binary is shipped to the tasks (`--files`, or added by the driver).
"""

import argparse
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import grouper_partition as gp  # noqa: E402


def arguments(argv):
    """The job's command line."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--grouper", required=True, help="the grouper binary (path or --files name)")
    p.add_argument("--definitions", required=True, help="definitions folder or file")
    p.add_argument("--claims", required=True, help="claims: a native CSV, or Parquet")
    p.add_argument("--input-format", choices=["csv", "parquet"], default="csv")
    p.add_argument("--members", help="the members file")
    p.add_argument("--partitions", type=int, default=8, help="how many member partitions")
    p.add_argument("--out", required=True, help="the output folder (on the driver)")
    p.add_argument(
        "--source",
        help="the claims as summary.json and rejected.csv name them (default: --claims, made"
        " absolute when a local path)",
    )
    p.add_argument("--skip-invalid", action="store_true")
    p.add_argument("--amount")
    p.add_argument("--default-payer")
    p.add_argument("--date-range")
    p.add_argument("--jobs", type=int, default=1, help="grouper threads per task")
    p.add_argument(
        "--prices", help="price the merged folder on the driver (grouper price --run OUT)")
    p.add_argument("--quality", help="quality scores for --prices")
    p.add_argument("--master", help="the Spark master when not given by spark-submit")
    return p.parse_args(argv)


def local_path(path):
    """`path` made absolute when it names a local file (a URI is kept as given)."""
    return path if "://" in path else os.path.abspath(path)


def native_line(values):
    """A row of values as a native CSV line: empty for None, ISO dates, quoted when needed."""
    out = []
    for v in values:
        if v is None:
            text = ""
        elif hasattr(v, "isoformat"):
            text = v.isoformat()
        else:
            text = str(v)
        if any(c in text for c in ',"\r\n'):
            text = '"' + text.replace('"', '""') + '"'
        out.append(text)
    return ",".join(out).encode("utf-8")


def read_lines(spark, args):
    """The claims as (header bytes, RDD of (line number, line bytes)) in the native layout."""
    if args.input_format == "parquet":
        frame = spark.read.parquet(args.claims)
        header = ",".join(frame.columns).encode("utf-8")
        rows = frame.rdd.map(lambda r: native_line(list(r))).zipWithIndex()
        return header, rows.map(lambda t: (t[1] + 2, t[0]))
    text = spark.read.option("lineSep", "\n").text(args.claims)
    lines = text.rdd.map(lambda r: r.value.encode("utf-8")).zipWithIndex()
    lines = lines.map(lambda t: (t[1] + 1, t[0])).filter(lambda t: not gp.is_blank(t[1]))
    first = lines.takeOrdered(1, key=lambda t: t[0])
    if not first:
        raise gp.SplitError(f"{args.claims}: the file is empty: a header row is required")
    header_line, header = first[0]
    return header, lines.filter(lambda t: t[0] > header_line)


def executable(name, given):
    """The grouper binary in a task: the shipped file (made executable in a temporary copy when
    it is not), or the path given."""
    from pyspark import SparkFiles

    path = SparkFiles.get(name)
    if not os.path.exists(path):
        path = given
    if os.access(path, os.X_OK):
        return path
    copy = os.path.join(tempfile.mkdtemp(prefix="grouper-bin-"), name)
    shutil.copyfile(path, copy)
    os.chmod(copy, os.stat(copy).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return copy


def write_partition(folder, header, rows):
    """Writes the partition file and its source lines into `folder`; returns both paths."""
    claims = os.path.join(folder, "partition.csv")
    lines = os.path.join(folder, "partition.lines")
    with open(claims, "wb") as c, open(lines, "w") as n:
        c.write(header + b"\n")
        for number, text in sorted(rows):
            c.write(text + b"\n")
            n.write(f"{number}\n")
    return claims, lines


def run(command):
    """Runs a grouper command; raises with its stderr when it fails."""
    done = subprocess.run(command, capture_output=True)
    if done.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} exited {done.returncode}:\n{done.stderr.decode(errors='replace')}"
        )
    return done.stdout.decode()


def read_options(args):
    """The options `scan` and `group` share."""
    options = []
    if args.default_payer:
        options += ["--default-payer", args.default_payer]
    if args.date_range:
        options += ["--date-range", args.date_range]
    return options


def main(argv):
    """Runs the job from its command line; returns the exit status."""
    args = arguments(argv)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("grouper")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        return run_job(spark, args)
    finally:
        spark.stop()


def run_job(spark, args):
    """Runs the job with `args` (see `arguments`) in the session `spark`; returns the exit
    status."""
    sc = spark.sparkContext
    # The tasks import both modules (this one when the job runs from another program).
    for module in ["grouper_partition.py", "grouper_spark.py"]:
        try:
            sc.addPyFile(os.path.join(HERE, module))
        except Exception:  # already shipped with --py-files, or added by an earlier job
            pass
    name = os.path.basename(args.grouper)
    if os.path.exists(args.grouper):
        try:
            sc.addFile(os.path.abspath(args.grouper))
        except Exception:  # already shipped with --files, or added by an earlier job
            pass
    count = args.partitions
    source = args.source or local_path(args.claims)
    definitions = local_path(args.definitions)
    members = local_path(args.members) if args.members else None
    given = args.grouper
    shared = read_options(args)

    header, lines = read_lines(spark, args)
    width = len(gp.fields(header[3:] if header.startswith(b"\xef\xbb\xbf") else header) or [])
    column = gp.member_column(header, args.claims)

    def place(t):
        number, text = t
        where = f"{source}:{number}"
        return (gp.row_partition(text, width, column, count, where), (number, text))

    parts = lines.map(place).partitionBy(count, lambda k: k - 1).persist()

    def scan(index, rows):
        folder = tempfile.mkdtemp(prefix="grouper-scan-")
        try:
            claims, numbers = write_partition(folder, header, (r for _, r in rows))
            out = run(
                [executable(name, given), "scan", "--claims", claims, "--source-lines", numbers,
                 "--source", source] + shared)
            yield json.loads(out)["latest_from"]
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    dates = [d for d in parts.mapPartitionsWithIndex(scan).collect() if d]
    if not dates:
        print("grouper_spark: no claim line was accepted in any partition", file=sys.stderr)
        return 65
    through = max(dates)

    def group(index, rows):
        k = index + 1
        folder = tempfile.mkdtemp(prefix="grouper-group-")
        try:
            claims, numbers = write_partition(folder, header, (r for _, r in rows))
            out = os.path.join(folder, "out")
            command = [
                executable(name, given), "group", "--definitions", definitions, "--claims", claims,
                "--source-lines", numbers, "--source", source, "--shard", f"{k}/{count}",
                "--through", through, "--out", out, "--jobs", str(args.jobs), "--quiet",
            ] + shared
            if members:
                command += ["--members", members]
            if args.skip_invalid:
                command.append("--skip-invalid")
            if args.amount:
                command += ["--amount", args.amount]
            run(command)
            for file in sorted(os.listdir(out)):
                with open(os.path.join(out, file), "rb") as f:
                    yield (k, file, f.read())
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    files = parts.mapPartitionsWithIndex(group).collect()
    parts.unpersist()
    work = tempfile.mkdtemp(prefix="grouper-merge-")
    try:
        folders = [os.path.join(work, f"part-{k}") for k in range(1, count + 1)]
        for folder in folders:
            os.makedirs(folder)
        for k, file, data in files:
            with open(os.path.join(folders[k - 1], file), "wb") as f:
                f.write(data)
        merged = run([given, "merge"] + folders + ["--out", args.out, "--quiet"])
        sys.stdout.write(merged)
        if args.prices:
            # Pricing needs the whole episode population: it runs once, on the merged folder.
            price = [given, "price", "--run", args.out, "--prices", local_path(args.prices)]
            if args.quality:
                price += ["--quality", local_path(args.quality)]
            sys.stdout.write(run(price + ["--quiet"]))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"grouper_spark: {count} partitions, data through {through}, wrote {args.out}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except gp.SplitError as error:
        print(f"grouper_spark: {error}", file=sys.stderr)
        sys.exit(65)
    except Exception as error:
        # A task's failure reaches the driver wrapped in Spark's; show the task's own message.
        text = str(error)
        for marker in ["grouper_partition.SplitError: ", "RuntimeError: "]:
            if marker in text:
                print("grouper_spark: " + text.split(marker, 1)[1].split("\n\tat ")[0].strip(),
                      file=sys.stderr)
                sys.exit(65 if marker.startswith("grouper_partition") else 1)
        raise
