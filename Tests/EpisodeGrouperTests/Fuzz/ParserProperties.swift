// The rules every parser keeps on any input, shared by the in-suite fuzz tests and the libFuzzer
// harnesses under Fuzz/ (which compile this file with the parsers' sources). It imports no test
// framework: a broken rule is thrown as a `PropertyViolation`.

@testable import GrouperCore
@testable import GrouperReaders
@testable import GrouperSupport

/// A rule a parser broke on some input, in words.
struct PropertyViolation: Error, CustomStringConvertible {
  /// What went wrong.
  let description: String

  /// A violation described by `description`.
  init(_ description: String) { self.description = description }
}

/// The properties checked on arbitrary bytes: no crash (the caller survives), every failure a
/// located `Diagnostic` that points inside the input, and the read chunk size never changes what
/// is read.
enum ParserProperties {
  /// The file name the checks give the parsers.
  static let csvName = "fuzz.csv"
  /// The file name the checks give the JSON parser and the FHIR readers.
  static let jsonName = "fuzz.json"

  // MARK: - CSV

  /// What a CSV read produced: every record's fields and line, then the error that stopped it.
  struct CSVOutcome: Equatable {
    /// Each record as (line, fields).
    var records: [Record] = []
    /// The diagnostic that ended the read, if one did.
    var failure: Diagnostic?

    /// One record: its line and its fields' bytes.
    struct Record: Equatable {
      /// The record's first line.
      var line: Int
      /// The fields' bytes.
      var fields: [[UInt8]]
    }
  }

  /// Reads `bytes` as CSV with `sourceChunk` bytes per read and a reader buffer of `readerChunk`.
  static func readCSV(
    _ bytes: [UInt8], quoting: Bool = true, sourceChunk: Int = .max, readerChunk: Int = 1 << 16
  ) throws -> CSVOutcome {
    var reader = CSVReader(
      source: MemoryByteSource(bytes, chunk: sourceChunk), name: csvName, quoting: quoting,
      chunkSize: readerChunk)
    var outcome = CSVOutcome()
    do {
      try reader.forEachRecord { record in
        outcome.records.append(
          CSVOutcome.Record(
            line: record.line, fields: (0..<record.count).map { Array(record[$0]) }))
      }
    } catch let d as Diagnostic {
      outcome.failure = d
    } catch {
      throw PropertyViolation("CSVReader threw \(type(of: error)), not a Diagnostic: \(error)")
    }
    return outcome
  }

  /// Checks the CSV reader on `bytes`, quoting on and off: errors are located diagnostics, records
  /// come in line order, and reading `smallChunk` bytes at a time changes nothing. Also reads the
  /// bytes as native claims: the reader throws only located diagnostics and rejects rows with lines.
  static func checkCSV(_ bytes: [UInt8], smallChunk: Int) throws {
    let lines = lineCount(bytes)
    for quoting in [true, false] {
      let whole = try readCSV(bytes, quoting: quoting)
      let small = try readCSV(
        bytes, quoting: quoting, sourceChunk: smallChunk, readerChunk: 16)
      guard whole == small else {
        throw PropertyViolation(
          "CSV (quoting \(quoting)) read in \(smallChunk)-byte chunks differs: "
            + "\(summary(whole)) vs \(summary(small))")
      }
      var previous = 0
      for record in whole.records {
        guard record.line > previous, record.line <= lines, !record.fields.isEmpty else {
          throw PropertyViolation(
            "CSV record at line \(record.line) out of order or outside 1...\(lines)")
        }
        previous = record.line
      }
      if let d = whole.failure {
        // The record that failed starts after the last one read.
        guard previous < lines else {
          throw PropertyViolation("CSV failure after the last line: \(d)")
        }
        try located(d, file: csvName, lines: (previous + 1)...lines, needsColumn: true)
      }
    }
    var reader = CSVReader(
      source: MemoryByteSource(bytes, chunk: smallChunk), name: csvName, chunkSize: 64)
    do {
      let result = try NativeClaimReader(path: csvName).read(&reader)
      for r in result.rejections where r.file != csvName || r.line < 1 || r.line > lines {
        throw PropertyViolation("native claim rejection outside the file: \(r.diagnostic)")
      }
    } catch let d as Diagnostic {
      try located(d, file: csvName, lines: 1...lines, needsColumn: false, needsLine: false)
    } catch let v as PropertyViolation {
      throw v
    } catch {
      throw PropertyViolation("NativeClaimReader threw \(type(of: error)): \(error)")
    }
  }

  /// A CSV outcome in a few words, for a violation's message.
  private static func summary(_ o: CSVOutcome) -> String {
    "\(o.records.count) records (last line \(o.records.last?.line ?? 0)), "
      + (o.failure.map { "failed: \($0)" } ?? "no failure")
  }

  // MARK: - JSON

  /// Parses `bytes`, turning a thrown diagnostic into a value and anything else into a violation.
  static func parseJSON(_ bytes: [UInt8], firstLine: Int = 1) throws -> Result<
    JSONNode, Diagnostic
  > {
    do {
      return .success(try JSONParser.parse(bytes, file: jsonName, firstLine: firstLine))
    } catch let d as Diagnostic {
      return .failure(d)
    } catch {
      throw PropertyViolation("JSONParser threw \(type(of: error)), not a Diagnostic: \(error)")
    }
  }

  /// Checks the JSON parser on `bytes`: a failure is a diagnostic located inside the input; a
  /// start line of 7 moves every line by 6 and nothing else; a parsed value written back by
  /// `JSONWriter` parses to the same value.
  static func checkJSON(_ bytes: [UInt8]) throws {
    let first = try parseJSON(bytes)
    let moved = try parseJSON(bytes, firstLine: 7)
    switch (first, moved) {
    case (.failure(let d), .failure(let m)):
      try located(d, file: jsonName, lines: 1...lineCount(bytes), needsColumn: true)
      let column = try columnBound(bytes, line: d.location.line!)
      guard d.location.column! <= column else {
        throw PropertyViolation("\(d) points past the end of its line (\(column - 1) characters)")
      }
      var shifted = d
      shifted.location.line! += 6
      guard shifted == m else { throw PropertyViolation("from line 7: \(m), from line 1: \(d)") }
    case (.success(let node), .success(let m)):
      guard same(node, m, lineShift: 6) else {
        throw PropertyViolation("from line 7 the parsed positions do not move by 6 lines")
      }
      let text = Array(JSONWriter.render(writerValue(node.value)).utf8)
      guard case .success(let again) = try parseJSON(text) else {
        throw PropertyViolation(
          "JSONWriter wrote text the parser refuses: \(String(decoding: text, as: UTF8.self))")
      }
      guard same(node, again, positions: false) else {
        throw PropertyViolation("written back and parsed again, the value differs")
      }
    default:
      throw PropertyViolation("from line 7 the parse \(first) and from line 1 \(moved) disagree")
    }
  }

  /// The value as `JSONWriter` writes it; numbers keep their text.
  static func writerValue(_ value: JSONValue) -> JSONWriter.Value {
    switch value {
    case .null: return .null
    case .bool(let b): return .bool(b)
    case .number(let text): return .raw(text)
    case .string(let s): return .string(s)
    case .array(let items): return .array(items.map { writerValue($0.value) })
    case .object(let members): return .object(members.map { ($0.key, writerValue($0.value.value)) })
    }
  }

  /// Whether two parsed values are the same: strings compared scalar by scalar, numbers by text,
  /// members in order; with `positions`, every line (moved by `lineShift`) and column too.
  static func same(_ a: JSONNode, _ b: JSONNode, positions: Bool = true, lineShift: Int = 0)
    -> Bool
  {
    if positions && (a.line + lineShift != b.line || a.column != b.column) { return false }
    switch (a.value, b.value) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.number(let x), .number(let y)): return x == y
    case (.string(let x), .string(let y)): return Array(x.unicodeScalars) == Array(y.unicodeScalars)
    case (.array(let x), .array(let y)):
      return x.count == y.count
        && zip(x, y).allSatisfy { same($0, $1, positions: positions, lineShift: lineShift) }
    case (.object(let x), .object(let y)):
      return x.count == y.count
        && zip(x, y).allSatisfy { m, n in
          Array(m.key.unicodeScalars) == Array(n.key.unicodeScalars)
            && (!positions || (m.keyLine + lineShift == n.keyLine && m.keyColumn == n.keyColumn))
            && same(m.value, n.value, positions: positions, lineShift: lineShift)
        }
    default: return false
    }
  }

  // MARK: - FHIR Bundle stream

  /// What a `BundleStream` produced: each piece (and its parse), then the error that stopped it.
  struct StreamOutcome {
    /// Each piece as it came, with what `JSONParser` made of it.
    var pieces:
      [(piece: BundleStream<MemoryByteSource>.Piece, parsed: Result<JSONNode, Diagnostic>)] = []
    /// The diagnostic that ended the stream, if one did.
    var failure: Diagnostic?
  }

  /// Streams `bytes` with `sourceChunk` bytes per read and a stream chunk of `streamChunk`,
  /// parsing each piece as the FHIR reader does.
  static func stream(_ bytes: [UInt8], sourceChunk: Int = .max, streamChunk: Int = 1 << 16) throws
    -> StreamOutcome
  {
    var stream = BundleStream(
      source: MemoryByteSource(bytes, chunk: sourceChunk), name: jsonName, chunkSize: streamChunk)
    var outcome = StreamOutcome()
    do {
      try stream.forEachPiece { piece in
        switch piece {
        case .entry(let b, let line, _):
          outcome.pieces.append((piece, try parseJSON(b, firstLine: line)))
        case .document(let b):
          outcome.pieces.append((piece, try parseJSON(b)))
        }
      }
    } catch let d as Diagnostic {
      outcome.failure = d
    } catch let v as PropertyViolation {
      throw v
    } catch {
      throw PropertyViolation("BundleStream threw \(type(of: error)), not a Diagnostic: \(error)")
    }
    return outcome
  }

  /// Checks the FHIR Bundle stream on `bytes`: errors are located diagnostics; the chunk size
  /// changes nothing; when the whole text is valid JSON, each entry cut out parses to the same
  /// value at the same line and column as in the whole; and the FHIR reader over the bytes throws
  /// only located diagnostics.
  static func checkBundleStream(_ bytes: [UInt8], smallChunk: Int) throws {
    let lines = lineCount(bytes)
    let whole = try stream(bytes)
    let small = try stream(bytes, sourceChunk: smallChunk, streamChunk: 16)
    guard sameStream(whole, small) else {
      throw PropertyViolation(
        "Bundle streamed in \(smallChunk)-byte chunks differs: \(whole.pieces.count) pieces, "
          + "\(whole.failure.map(String.init(describing:)) ?? "no failure") vs \(small.pieces.count) "
          + "pieces, \(small.failure.map(String.init(describing:)) ?? "no failure")")
    }
    if let d = whole.failure {
      try located(d, file: jsonName, lines: 1...lines, needsColumn: false)
    }
    for (_, parsed) in whole.pieces {
      if case .failure(let d) = parsed {
        try located(d, file: jsonName, lines: 1...lines, needsColumn: true)
      }
    }
    if whole.failure == nil, case .success(let root) = try parseJSON(bytes) {
      try compareWithWhole(whole, root)
    }
    do {
      let result = try FHIRClaimReader(path: jsonName).read(
        MemoryByteSource(bytes, chunk: smallChunk))
      for r in result.rejections where r.file != jsonName || r.line < 1 || r.line > lines {
        throw PropertyViolation("FHIR rejection outside the file: \(r.diagnostic)")
      }
    } catch let d as Diagnostic {
      try located(d, file: jsonName, lines: 1...lines, needsColumn: false, needsLine: false)
    } catch let v as PropertyViolation {
      throw v
    } catch {
      throw PropertyViolation("FHIRClaimReader threw \(type(of: error)): \(error)")
    }
  }

  /// When the whole text parses: a Bundle's entries come out one by one, equal to the whole's
  /// `entry` elements with the same positions; anything else comes out once, whole.
  private static func compareWithWhole(_ outcome: StreamOutcome, _ root: JSONNode) throws {
    guard case .object(let members) = root.value else {
      throw PropertyViolation("the stream accepted a document whose root is \(root.kind)")
    }
    let type = members.first { $0.key == "resourceType" }.flatMap { m -> String? in
      if case .string(let s) = m.value.value { return s }
      return nil
    }
    let entries = members.first { $0.key == "entry" }.flatMap { m -> [JSONNode]? in
      if case .array(let items) = m.value.value { return items }
      return nil
    }
    guard type == "Bundle" else {
      guard entries == nil, outcome.pieces.count == 1,
        case .document = outcome.pieces[0].piece,
        case .success(let node) = outcome.pieces[0].parsed, same(node, root)
      else {
        throw PropertyViolation(
          "a document of type \(type ?? "none") did not come out once, whole and equal")
      }
      return
    }
    let expected = entries ?? []
    guard outcome.pieces.count == expected.count else {
      throw PropertyViolation(
        "a Bundle with \(expected.count) entries came out in \(outcome.pieces.count) pieces")
    }
    for (i, (piece, parsed)) in outcome.pieces.enumerated() {
      guard case .entry(_, _, let index) = piece, index == i, case .success(let node) = parsed,
        same(node, expected[i])
      else {
        throw PropertyViolation(
          "entry[\(i)] cut out by the stream differs from the whole's (value or position): "
            + "\(parsed)")
      }
    }
  }

  /// Whether two stream outcomes have the same pieces, parses and failure.
  private static func sameStream(_ a: StreamOutcome, _ b: StreamOutcome) -> Bool {
    guard a.failure == b.failure, a.pieces.count == b.pieces.count else { return false }
    for (x, y) in zip(a.pieces, b.pieces) {
      switch (x.piece, y.piece) {
      case (.entry(let p, let l, let i), .entry(let q, let m, let j)):
        guard p == q, l == m, i == j else { return false }
      case (.document(let p), .document(let q)):
        guard p == q else { return false }
      default: return false
      }
      switch (x.parsed, y.parsed) {
      case (.success(let n), .success(let m)): if !same(n, m) { return false }
      case (.failure(let d), .failure(let e)): if d != e { return false }
      default: return false
      }
    }
    return true
  }

  // MARK: - Locations

  /// The number of lines of `bytes`: one more than its line feeds.
  static func lineCount(_ bytes: [UInt8]) -> Int {
    bytes.reduce(1) { $0 + ($1 == 10 ? 1 : 0) }
  }

  /// One more than the number of characters (UTF-8 lead bytes) on 1-based `line` of `bytes`:
  /// the furthest column a diagnostic on that line may name (the place just after its end).
  static func columnBound(_ bytes: [UInt8], line: Int) throws -> Int {
    var current = 1
    var count = 0
    for b in bytes {
      if b == 10 {
        if current == line { break }
        current += 1
        continue
      }
      if current == line && b & 0xC0 != 0x80 { count += 1 }
    }
    return count + 1
  }

  /// Throws unless `d` is an error in `file`, its message one line, whose line is in `lines`
  /// (when it has one, or always when `needsLine`) with a column of at least 1 (required when
  /// `needsColumn`).
  static func located(
    _ d: Diagnostic, file: String, lines: ClosedRange<Int>, needsColumn: Bool,
    needsLine: Bool = true
  ) throws {
    guard d.severity == .error, d.location.file == file, !d.message.text.isEmpty else {
      throw PropertyViolation("not an error about \(file): \(d)")
    }
    // Diagnostics print one to a line, compiler-style.
    guard !d.message.text.contains(where: \.isNewline) else {
      throw PropertyViolation("a message of more than one line: \(d.message.text.debugDescription)")
    }
    guard let line = d.location.line else {
      if needsLine { throw PropertyViolation("no line: \(d)") }
      return
    }
    guard lines.contains(line) else {
      throw PropertyViolation("line outside \(lines.lowerBound)...\(lines.upperBound): \(d)")
    }
    if let column = d.location.column {
      guard column >= 1 else { throw PropertyViolation("column below 1: \(d)") }
    } else if needsColumn {
      throw PropertyViolation("no column: \(d)")
    }
  }
}
