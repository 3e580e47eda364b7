"""Splits a native claim CSV into member partitions the way `grouper group --shard K/N` assigns
members, for a partition run (`grouper group --source-lines`). Pure Python, no dependencies: the
Spark job imports it, and it runs alone on any batch system:

    python3 grouper_partition.py split CLAIMS --partitions N --out DIR
        writes DIR/part-K.csv (the header and the partition's rows, verbatim, in file order)
        and DIR/part-K.lines (each row's line in CLAIMS) for K = 1..N
    python3 grouper_partition.py shard N MEMBER_ID...
        prints the partition (1..N) of each member id

A row goes to the partition of its member: FNV-1a 64 of the member_id field as grouper's native
reader reads it (CSV-unquoted, trimmed of spaces and tabs), mod N, plus 1. A row whose member_id
cannot be read (a different number of fields than the header) goes to partition 1; grouper
rejects it there as the single run would. Rows spanning several lines (a newline inside quotes)
are not supported: the splitter stops with the file and line.
"""

import os
import sys

FNV_OFFSET = 0xCBF29CE484222325
FNV_PRIME = 0x100000001B3
MASK = (1 << 64) - 1


class SplitError(Exception):
    """A claim file the splitter cannot split, with its file and line."""


def fnv1a64(data: bytes) -> int:
    """FNV-1a 64 of `data`, as grouper's MemberShard.hash computes it."""
    h = FNV_OFFSET
    for b in data:
        h ^= b
        h = (h * FNV_PRIME) & MASK
    return h


def partition_of(member: bytes, count: int) -> int:
    """The partition (1..count) of the member with id bytes `member`."""
    return fnv1a64(member) % count + 1


def fields(line: bytes, where: str = "") -> list:
    """The fields of one physical line (without its LF) as grouper's CSV reader splits them:
    quotes removed, doubled quotes made one, one trailing CR dropped. Raises SplitError when a
    quoted field is not closed on the line; returns None when a closing quote is followed by
    something other than a comma or the line end (grouper stops on such a file)."""
    out = []
    i = 0
    n = len(line)
    while True:
        if i < n and line[i] == 0x22:
            j = i + 1
            value = bytearray()
            while True:
                k = line.find(b'"', j)
                if k < 0:
                    raise SplitError(
                        f"{where}: a quoted field runs past the end of the line; rows spanning "
                        "several lines are not supported by the splitter"
                    )
                value += line[j:k]
                if k + 1 < n and line[k + 1] == 0x22:
                    value += b'"'
                    j = k + 2
                    continue
                break
            out.append(bytes(value))
            i = k + 1
            if i == n or line[i:] == b"\r":
                return out
            if line[i] == 0x2C:
                i += 1
                continue
            return None
        k = line.find(b",", i)
        if k < 0:
            field = line[i:]
            if field.endswith(b"\r"):
                field = field[:-1]
            out.append(field)
            return out
        out.append(line[i:k])
        i = k + 1


def is_blank(line: bytes) -> bool:
    """Whether grouper's CSV reader skips the line (no bytes, or a lone CR)."""
    return line == b"" or line == b"\r"


def member_column(header: bytes, where: str = "") -> int:
    """The index of the member_id column in the header line (a byte-order mark dropped)."""
    if header.startswith(b"\xef\xbb\xbf"):
        header = header[3:]
    names = fields(header, where) or []
    for i, name in enumerate(names):
        if name.decode("utf-8", "replace").strip().lower() == "member_id":
            return i
    raise SplitError(f"{where}: the header has no member_id column")


def row_partition(line: bytes, width: int, column: int, count: int, where: str = "") -> int:
    """The partition (1..count) of a data line, given the header's width and member column."""
    values = fields(line, where)
    if values is None or len(values) != width:
        return 1
    return partition_of(values[column].strip(b" \t"), count)


def split(path: str, count: int, out: str) -> list:
    """Splits the claim file at `path` into `count` partitions in folder `out`; returns the
    number of rows of each."""
    os.makedirs(out, exist_ok=True)
    with open(path, "rb") as source:
        data_files = [open(os.path.join(out, f"part-{k}.csv"), "wb") for k in range(1, count + 1)]
        line_files = [open(os.path.join(out, f"part-{k}.lines"), "w") for k in range(1, count + 1)]
        rows = [0] * count
        header = None
        width = column = 0
        for number, raw in enumerate(source, start=1):
            line = raw[:-1] if raw.endswith(b"\n") else raw
            if is_blank(line):
                continue
            where = f"{path}:{number}"
            if header is None:
                header = line
                column = member_column(line, where)
                width = len(fields(line[3:] if line.startswith(b"\xef\xbb\xbf") else line, where) or [])
                for f in data_files:
                    f.write(line + b"\n")
                continue
            k = row_partition(line, width, column, count, where)
            data_files[k - 1].write(line + b"\n")
            line_files[k - 1].write(f"{number}\n")
            rows[k - 1] += 1
        for f in data_files + line_files:
            f.close()
        if header is None:
            raise SplitError(f"{path}: the file is empty: a header row is required")
    return rows


def main(argv: list) -> int:
    """The command line (see the module's help)."""
    if len(argv) >= 3 and argv[0] == "shard":
        count = int(argv[1])
        for member in argv[2:]:
            print(partition_of(member.encode("utf-8"), count))
        return 0
    if len(argv) == 6 and argv[0] == "split" and argv[2] == "--partitions" and argv[4] == "--out":
        try:
            rows = split(argv[1], int(argv[3]), argv[5])
        except SplitError as error:
            print(f"{error}", file=sys.stderr)
            return 65
        print(" ".join(str(r) for r in rows))
        return 0
    print(__doc__, file=sys.stderr)
    return 64


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
