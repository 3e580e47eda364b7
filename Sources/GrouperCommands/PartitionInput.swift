import Foundation
import GrouperCore
import GrouperReaders
import GrouperSupport

/// A partition of a native claim file, as a distributed job hands it to one task: the original
/// header and the partition's rows copied verbatim in their original order (`--claims`), and a
/// "source lines" file giving each row's line in the original file, one number a line
/// (`--source-lines`). The rows are read with their original line numbers and file name
/// (`--source`), so rejections, warnings and messages read as a run over the original file would
/// write them.
struct PartitionInput {
  /// The options `group` and `scan` take for a partition.
  static let options = [
    OptionSpec(
      "source-lines", value: "file",
      help: "With --claims a partition of a file: each row's line in the original, one a line."),
    OptionSpec(
      "source", value: "path",
      help:
        "The original claim file of a partition, as a single run names it (with --source-lines)."
    ),
  ]

  /// The partition file.
  let path: String
  /// The source-lines file.
  let sourceLinesPath: String
  /// The original file's path, as the single run names it.
  let source: String

  /// The partition options given to `command` for the claims at `claims`; nil when neither is
  /// given. Throws a usage error when only one is, or when the claims are standard input.
  init?(_ arguments: ParsedArguments, claims: String, command: String) throws {
    let lines = arguments.value("source-lines")
    let source = arguments.value("source")
    guard lines != nil || source != nil else { return nil }
    guard let lines, let source else {
      throw Diagnostic.usage(
        command, .partitionNeedsBoth(given: lines == nil ? "source-lines" : "source"))
    }
    guard claims != StandardInputByteSource.name else {
      throw Diagnostic.usage(command, .partitionFromStandardInput)
    }
    guard !source.isEmpty else { throw Diagnostic.usage(command, .emptyOption("source")) }
    path = claims
    sourceLinesPath = lines
    self.source = source
  }

  /// Checks what a partition `group` run also needs: a shard (the partition's K of N), the whole
  /// file's data-through date, and the native format.
  static func checkGroupOptions(
    shard: MemberShard?, through: Day?, format: ClaimFormat?, command: String
  ) throws {
    guard shard != nil else { throw Diagnostic.usage(command, .partitionNeedsShard) }
    guard through != nil else { throw Diagnostic.usage(command, .partitionNeedsThrough) }
    if let format, format != .native {
      throw Diagnostic.usage(command, .partitionNeedsNative(format.description))
    }
  }

  /// The physical line → original line table the reader reports through: entry 0 unused, the
  /// header on line 1, then one entry per data line, checked against the partition file.
  func lineTable() throws -> [Int] {
    try requireFile(path, "claims")
    try requireFile(sourceLinesPath, "source lines")
    let physical = try Self.lineCount(path)
    let numbers = try SourceLines.parse(path: sourceLinesPath)
    let dataLines = max(physical - 1, 0)
    if numbers.count < dataLines {
      throw Diagnostic(
        at: SourceLocation(file: path, line: numbers.count + 2),
        .partitionLineWithoutNumber(sourceLinesPath, numbers: numbers.count))
    }
    if numbers.count > dataLines {
      throw Diagnostic(
        at: SourceLocation(file: sourceLinesPath, line: dataLines + 1),
        .partitionExtraNumbers(path, rows: dataLines))
    }
    return [0, 1] + numbers
  }

  /// Reads the partition: rows numbered (through `table`, from ``lineTable()``) and named as in
  /// the original file. A partition with no rows reads as no lines.
  func read(table: [Int], defaultPayer: String, dates: DateBounds) throws -> ClaimReadResult {
    var reader = NativeClaimReader(path: source, defaultPayer: defaultPayer)
    reader.dates = dates
    guard table.count > 2 else { return try emptyRead(reader) }
    var csv = CSVReader(
      source: try FileByteSource(path: path), name: source, chunkSize: reader.chunkSize)
    csv.lineNumbers = table
    // Room for the rows the file likely holds, as a read of a whole file reserves.
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    return try reader.read(&csv, expectedRows: size / 100)
  }

  /// A read of the partition's header alone: no rows, no lines. The reader refuses a file without
  /// rows, so it reads the header and one row of the wrong width, whose rejection is dropped.
  private func emptyRead(_ reader: NativeClaimReader) throws -> ClaimReadResult {
    let header = try Self.firstLine(path)
    var csv = CSVReader(
      source: MemoryByteSource(header + Array("\n\u{1}\n".utf8)), name: source)
    var result = try reader.read(&csv)
    result.rowsRead = 0
    result.rejections = []
    result.bytesRead = header.count
    return result
  }

  /// Throws when a line of `store` belongs to a member outside `shard`: the partition was split
  /// with another hash or count. The place is the partition file's line.
  func checkMembers(_ store: ClaimStore, shard: MemberShard, table: [Int]) throws {
    let inShard = shard.members(of: store)
    guard let line = store.lines.first(where: { !inShard[Int($0.member)] }) else { return }
    throw Diagnostic(
      at: SourceLocation(
        file: path, line: Self.physicalLine(of: Int(line.sourceLine), in: table), field: "member_id"
      ),
      .partitionMemberOutsideShard(
        store.members.string(line.member), shard: shard.index, of: shard.count))
  }

  /// The text of the rejected rows at original lines `lines`, read from the partition file, by
  /// original line; nil when `file` is not the partition's source.
  func rawLines(_ file: String, lines: Set<Int>, table: [Int]) -> [Int: String]? {
    guard file == source else { return nil }
    let physical = Dictionary(
      lines.map { (Self.physicalLine(of: $0, in: table), $0) }, uniquingKeysWith: { a, _ in a })
    let text = RawLines.read(path: path, lines: Set(physical.keys))
    return Dictionary(
      text.map { (physical[$0.key]!, $0.value) }, uniquingKeysWith: { a, _ in a })
  }

  /// The partition line that holds original line `line` (the table increases, so a binary search).
  static func physicalLine(of line: Int, in table: [Int]) -> Int {
    var low = 1
    var high = table.count
    while low < high {
      let mid = (low + high) / 2
      if table[mid] < line { low = mid + 1 } else { high = mid }
    }
    return low
  }

  /// The number of lines in the file at `path` (a last line without a line end counts).
  static func lineCount(_ path: String) throws -> Int {
    let source = try FileByteSource(path: path)
    let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 1)
    defer { chunk.deallocate() }
    var count = 0
    var last: UInt8 = 10
    while true {
      let n = try source.read(into: chunk)
      if n == 0 { break }
      for b in chunk[0..<n] where b == 10 { count += 1 }
      last = chunk[n - 1]
    }
    return count + (last == 10 ? 0 : 1)
  }

  /// The first line of the file at `path`, without its line end.
  static func firstLine(_ path: String) throws -> [UInt8] {
    let source = try FileByteSource(path: path)
    let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
    defer { chunk.deallocate() }
    var line: [UInt8] = []
    while true {
      let n = try source.read(into: chunk)
      if n == 0 { return line }
      if let end = chunk[0..<n].firstIndex(of: 10) {
        return line + chunk[0..<end]
      }
      line += chunk[0..<n]
    }
  }
}
