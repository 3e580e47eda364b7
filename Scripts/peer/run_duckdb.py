"""Runs Scripts/peer/lejr.sql in DuckDB on a native claim CSV and writes its episodes.

Usage: run_duckdb.py CLAIMS.csv EXCLUDED_DRGS.txt OUT.csv
OUT.csv gets episode_id,claim_lines,allowed_total (dollars), sorted by episode id.
"""

import csv
import os
import sys

import duckdb


def main() -> None:
    claims, drgs, out = sys.argv[1:4]
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "lejr.sql"), encoding="utf-8") as f:
        sql = f.read().replace("${CLAIMS}", claims).replace("${DRGS}", drgs)
    # Comment lines go first (they hold semicolons); then one statement per semicolon.
    code = "\n".join(l for l in sql.splitlines() if not l.strip().startswith("--"))
    statements = [s for s in code.split(";") if s.strip()]
    con = duckdb.connect()
    for statement in statements[:-1]:
        con.execute(statement)
    rows = con.execute(statements[-1]).fetchall()
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["episode_id", "claim_lines", "allowed_total"])
        for episode, lines, cents in rows:
            w.writerow([episode, lines, f"{cents // 100}.{cents % 100:02d}"])


if __name__ == "__main__":
    main()
