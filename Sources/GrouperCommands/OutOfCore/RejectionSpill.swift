import Foundation
import GrouperCore
import GrouperReports
import GrouperSupport

/// The rejected rows of each partition, kept on disk in line order, and `rejected.csv` written
/// from them in one merge: rows by line, each with its raw text read from the input in the same
/// forward pass, as ``RejectedReport`` writes a run's rejections in memory.
enum RejectionSpill {
  /// Appends `rejections` (in line order) to `writer`.
  static func write(_ rejections: [Rejection], to writer: SpillWriter) throws {
    func text(_ s: String) {
      var s = s
      s.withUTF8 {
        writer.varint($0.count)
        writer.bytes($0)
      }
    }
    for r in rejections {
      writer.varint(r.line)
      text(r.file)
      writer.varint(r.column.map { $0 + 1 } ?? 0)
      writer.varint(r.field == nil ? 0 : 1)
      text(r.field ?? "")
      text(r.value)
      text(r.reason)
      writer.varint(r.allowed == nil ? 0 : 1)
      writer.word(UInt64(bitPattern: r.allowed?.value ?? 0))
      try writer.endRecord()
    }
    try writer.flush()
  }

  /// The next rejection in a file written by ``write(_:to:)``, nil at its end.
  static func next(_ reader: SpillReader) throws -> Rejection? {
    if try reader.atEnd { return nil }
    func text() throws -> String {
      String(decoding: try reader.bytes(try reader.varint()), as: UTF8.self)
    }
    let line = try reader.varint()
    let file = try text()
    let column = try reader.varint()
    let hasField = try reader.varint() == 1
    let field = try text()
    let value = try text()
    let reason = try text()
    let hasAllowed = try reader.varint() == 1
    let allowed = Int64(bitPattern: try reader.word())
    return Rejection(
      file: file, line: line, column: column == 0 ? nil : column - 1,
      field: hasField ? field : nil, value: value, reason: reason,
      allowed: hasAllowed ? Cents(allowed) : nil)
  }

  /// The rejections of the files at `paths` merged in line order, handed to `body` in batches.
  static func merged(_ paths: [String], batch: Int = 4096, _ body: ([Rejection]) throws -> Void)
    throws
  {
    let readers = try paths.map { try SpillReader(path: $0, bufferSize: 1 << 16) }
    var heads = try readers.map { try next($0) }
    var out: [Rejection] = []
    while true {
      var best: Int?
      for k in heads.indices where heads[k] != nil {
        if best.map({ heads[k]!.line < heads[$0]!.line }) ?? true { best = k }
      }
      guard let k = best else { break }
      out.append(heads[k]!)
      heads[k] = try next(readers[k])
      if out.count == batch {
        try body(out)
        out.removeAll(keepingCapacity: true)
      }
    }
    if !out.isEmpty { try body(out) }
  }

  /// Writes `rejected.csv` to `output`: the claim rejections of `paths` by line, with the raw
  /// text of their lines when `claimsPath` is a file (standard input cannot be read again), then
  /// `others` (the members file's) as ``RejectedReport`` writes them.
  static func writeReport(
    _ paths: [String], claimsPath: String, others: [Rejection], into output: String
  ) throws {
    let writer = try SpillWriter(path: output, bufferSize: 1 << 20)
    let header = RejectedReport.csv([]).count
    writer.bytes(RejectedReport.csv([]))
    let lines =
      claimsPath == StandardInputByteSource.name ? nil : ForwardLines(path: claimsPath)
    try merged(paths) { batch in
      var raw: [String: [Int: String]] = [:]
      if let lines { raw[claimsPath] = lines.text(of: batch.map(\.line)) }
      writer.bytes(RejectedReport.csv(batch, rawLines: raw).dropFirst(header))
      try writer.endRecord()
    }
    if !others.isEmpty {
      var raw: [String: [Int: String]] = [:]
      for (file, rows) in Dictionary(grouping: others, by: \.file)
      where file != StandardInputByteSource.name {
        raw[file] = RawLines.read(path: file, lines: Set(rows.map(\.line)))
      }
      writer.bytes(RejectedReport.csv(others, rawLines: raw).dropFirst(header))
    }
    try writer.flush()
  }
}
