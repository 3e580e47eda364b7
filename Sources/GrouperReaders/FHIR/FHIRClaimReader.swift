import GrouperCore
import GrouperSupport

/// A source that first hands out bytes already read (to look at the start of a file), then the
/// rest of the underlying source.
struct PrefixedByteSource<Base: ByteSource>: ByteSource {
  private var prefix: [UInt8]
  private var offset = 0
  private var base: Base

  init(prefix: [UInt8], base: Base) {
    self.prefix = prefix
    self.base = base
  }

  mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    if offset < prefix.count {
      let n = min(buffer.count, prefix.count - offset)
      prefix.withUnsafeBytes { source in
        buffer.baseAddress!.copyMemory(from: source.baseAddress! + offset, byteCount: n)
      }
      offset += n
      return n
    }
    return try base.read(into: buffer)
  }
}

/// Reads FHIR R4 ExplanationOfBenefit resources — Blue Button 2.0's and CARIN Blue Button
/// payers' — into a ``ClaimReadResult``: a Bundle (a search result, streamed entry by entry), a
/// single resource, or NDJSON (one resource per line, as a bulk export writes it; a line may also
/// hold a Bundle).
///
/// Each EOB item becomes a claim line; a resource of another type, or an EOB that breaks a rule,
/// becomes a rejection located at the element at fault (file, line, column and JSON path).
package struct FHIRClaimReader {
  /// The file's name in diagnostics.
  package let path: String
  /// The payer given to every line.
  package let defaultPayer: String
  /// The read chunk size (tests vary it to show it never changes the result).
  package var chunkSize = 1 << 22
  /// Called with the number of claim lines read, every 2^20 lines, for a progress line.
  package var progress: (@Sendable (Int) -> Void)?
  /// The plausible range of dates; a date outside it rejects its EOB or item.
  package var dates = DateBounds.standard

  /// A reader of the file at `path`.
  package init(path: String, defaultPayer: String = "default") {
    self.path = path
    self.defaultPayer = defaultPayer
  }

  /// Reads the file. Throws a located diagnostic when it is unusable as a whole (missing, not
  /// JSON, cut short, no claims).
  package func read() throws -> ClaimReadResult {
    try read(FileByteSource(path: path))
  }

  /// Reads from any byte source (tests use memory).
  package func read<S: ByteSource>(_ source: S) throws -> ClaimReadResult {
    var source = source
    // Look at the first non-blank line: a whole JSON object on it means NDJSON.
    var head: [UInt8] = []
    let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
    defer { chunk.deallocate() }
    var firstLine: ArraySlice<UInt8>?
    while firstLine == nil {
      let n = try source.read(into: chunk)
      if n == 0 { break }
      head.append(contentsOf: chunk[0..<n])
      // Look again only when a line has ended: a document on one long line is scanned once, not
      // once per read (which was quadratic in its length).
      if chunk[0..<n].contains(10) { firstLine = Self.firstNonBlankLine(head, complete: false) }
    }
    if firstLine == nil { firstLine = Self.firstNonBlankLine(head, complete: true) }
    guard let line = firstLine else {
      throw Diagnostic(at: SourceLocation(file: path), .fhirEmptyFile)
    }
    let text = Array(line).drop { [9, 13, 32, 0xEF, 0xBB, 0xBF].contains($0) }
    let ndjson =
      text.first == UInt8(ascii: "{")
      && text.reversed().drop { [9, 13, 32].contains($0) }.first == UInt8(ascii: "}")

    var state = FHIRReadState(defaultPayer: defaultPayer, dates: dates)
    let replay = PrefixedByteSource(prefix: head, base: source)
    var bytes = 0
    var lastProgress = 0
    func report() {
      if let progress, state.rows >> 20 > lastProgress >> 20 {
        progress(state.rows)
      }
      lastProgress = state.rows
    }
    if ndjson {
      var lines = LineSplitter(source: replay, chunkSize: chunkSize)
      try lines.forEachLine { bytes, number in
        guard bytes.contains(where: { ![9, 13, 32].contains($0) }) else { return }
        let node: JSONNode
        do {
          node = try JSONParser.parse(bytes, file: path, firstLine: number)
        } catch let d as Diagnostic {
          // A line that is not JSON is one unreadable resource, located where the parser stopped.
          state.rows += 1
          state.rejections.append(
            Rejection(
              file: path, line: d.location.line ?? number, column: d.location.column, field: nil,
              value: "",
              reason: d.message.text, allowed: nil))
          return
        }
        read(JSONCursor(root: node, file: path), into: &state)
        report()
      }
      bytes = lines.bytesRead
    } else {
      var stream = BundleStream(source: replay, name: path, chunkSize: chunkSize)
      try stream.forEachPiece { piece in
        switch piece {
        case .document(let bytes):
          read(
            JSONCursor(root: try JSONParser.parse(bytes, file: path, firstLine: 1), file: path),
            into: &state)
        case .entry(let bytes, let line, let index):
          let node = try JSONParser.parse(bytes, file: path, firstLine: line)
          let entry = JSONCursor(node: node, file: path, path: "$.entry[\(index)]")
          guard case .object(let members) = node.value,
            let resource = members.first(where: { $0.key == "resource" })
          else {
            state.rows += 1
            state.reject(FHIRFailure(entry, .fhirEntryWithoutResource), allowed: nil)
            return
          }
          read(
            JSONCursor(node: resource.value, file: path, path: "$.entry[\(index)].resource"),
            into: &state)
        }
        report()
      }
      bytes = stream.bytesRead
    }
    guard state.rows > 0 else {
      throw Diagnostic(at: SourceLocation(file: path), .fhirNoEOBs)
    }
    var store = state.builder.finish()
    let snapshot = store.lines
    let file = path
    let locator = ClaimConsistency.Locator(
      locate: { _, column in
        let field: String
        switch column {
        case .memberID: field = "patient"
        case .claimType: field = "type"
        default: field = "identifier"
        }
        return (file, nil, field)
      },
      name: { "line \(snapshot[$0].sourceLine)" },
      names: { "lines " + $0.map { String(snapshot[$0].sourceLine) }.joined(separator: ", ") })
    var rejections = state.rejections
    ClaimConsistency.check(&store, rejections: &rejections, locator: locator)
    rejections.sort { ($0.line, $0.column ?? 0) < ($1.line, $1.column ?? 0) }
    // Every element is optional in FHIR: no field is absent from the input as a whole.
    return ClaimReadResult(
      store: store, rejections: rejections, rowsRead: state.rows, bytesRead: bytes,
      warnings: state.builder.warnings)
  }

  /// Reads one parsed resource: an ExplanationOfBenefit, or a Bundle (of one NDJSON line) whose
  /// entries are read in turn.
  private func read(_ resource: JSONCursor, into state: inout FHIRReadState) {
    if case .object(let members) = resource.node.value,
      let type = members.first(where: { $0.key == "resourceType" }),
      case .string("Bundle") = type.value.value
    {
      let entries = members.first { $0.key == "entry" }
      guard let entries, case .array(let items) = entries.value.value else { return }
      for (index, entry) in items.enumerated() {
        let cursor = JSONCursor(
          node: entry, file: resource.file, path: "\(resource.path).entry[\(index)]")
        guard case .object(let fields) = entry.value,
          let inner = fields.first(where: { $0.key == "resource" })
        else {
          state.rows += 1
          state.reject(FHIRFailure(cursor, .fhirEntryWithoutResource), allowed: nil)
          continue
        }
        read(
          JSONCursor(node: inner.value, file: resource.file, path: "\(cursor.path).resource"),
          into: &state)
      }
      return
    }
    ExplanationOfBenefitMapper.read(resource, into: &state)
  }

  /// The first line holding more than blanks, or nil when there is none yet (`complete` false:
  /// more bytes may follow) or at all.
  private static func firstNonBlankLine(_ bytes: [UInt8], complete: Bool) -> ArraySlice<UInt8>? {
    var start = 0
    while start < bytes.count {
      var end = start
      while end < bytes.count && bytes[end] != 10 { end += 1 }
      if end == bytes.count && !complete { return nil }
      let line = bytes[start..<end]
      if line.contains(where: { ![9, 13, 32, 0xEF, 0xBB, 0xBF].contains($0) }) { return line }
      start = end + 1
    }
    return nil
  }
}
