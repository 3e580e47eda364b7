import GrouperSupport

/// Streams a JSON document that may be a large FHIR Bundle: each element of its top-level `entry`
/// array is cut out and handed on as soon as it closes, so memory holds one entry at a time, not
/// the document. A document that is not a Bundle (a single resource) is handed on whole.
///
/// The scanner tracks only strings, nesting and the root's keys; each piece handed on is parsed
/// by ``JSONParser``, which checks it and locates its errors. The bytes before a piece on its
/// first line are blanked, so its lines and columns are those of the file.
struct BundleStream<Source: ByteSource> {
  /// A piece of the document.
  enum Piece {
    /// The `index`-th element of the Bundle's `entry` array, from the start of `line`.
    case entry(bytes: [UInt8], line: Int, index: Int)
    /// The whole document, which is not a Bundle.
    case document(bytes: [UInt8])
  }

  private var source: Source
  private let name: String
  private let chunkSize: Int
  /// Bytes read so far.
  private(set) var bytesRead = 0

  /// A streamer over `source`, naming `name` in diagnostics.
  init(source: Source, name: String, chunkSize: Int = 1 << 22) {
    self.source = source
    self.name = name
    self.chunkSize = max(16, chunkSize)
  }

  private enum Capture {
    case none
    case key
    case resourceType
  }

  /// Calls `body` with each entry in order, or once with the whole document when it is not a
  /// Bundle. Throws a located diagnostic when the document is cut short or is not an object, or
  /// when an entry is not an object; otherwise whatever `body` throws.
  mutating func forEachPiece(_ body: (Piece) throws -> Void) throws {
    var buffer: [UInt8] = []
    var base = 0  // absolute offset of buffer[0]
    var pos = 0  // next index of buffer to scan
    var line = 1
    var lineStart = 0  // absolute offset where the current line starts
    var depth = 0
    var inString = false
    var escape = false
    var capture = Capture.none
    var captured: [UInt8] = []
    var expectKey = false
    var pendingKey: String?
    var inEntries = false
    var streaming = false  // true once the document is known to be a Bundle (or has entries)
    var entryStart: Int?
    var entryLine = 0
    var entryLineStart = 0
    var entryIndex = 0
    var resourceType: String?
    var rootClosed = false
    var first = true
    var markEnd = 0  // absolute offset after a byte-order mark, which takes no column
    let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 1)
    defer { chunk.deallocate() }

    /// The column of absolute offset `offset` on the current line, in characters as
    /// ``JSONParser`` counts them (UTF-8 continuation bytes and a byte-order mark take none).
    func column(at offset: Int) -> Int {
      let from = max(lineStart, markEnd)
      guard offset > from else { return 1 }
      return buffer[(from - base)..<(offset - base)].reduce(1) { $1 & 0xC0 != 0x80 ? $0 + 1 : $0 }
    }

    /// The text of a root key or of `resourceType`, its escapes decoded as ``JSONParser`` does,
    /// so `"entr\u0079"` is `entry` and `"resou\rceType"` is not `resourceType`.
    func decoded(_ raw: [UInt8]) -> String {
      guard raw.contains(UInt8(ascii: "\\")) else { return String(decoding: raw, as: UTF8.self) }
      let quoted = [UInt8(ascii: "\"")] + raw + [UInt8(ascii: "\"")]
      guard let node = try? JSONParser.parse(quoted, file: name), case .string(let s) = node.value
      else { return String(decoding: raw, as: UTF8.self) }
      return s
    }

    func fail(_ message: Diagnostic.Message) -> Diagnostic {
      Diagnostic(
        at: SourceLocation(file: name, line: line, column: column(at: base + pos)), message)
    }

    func scan() throws {
      while pos < buffer.count {
        let c = buffer[pos]
        let absolute = base + pos
        if inString {
          if escape {
            escape = false
            if capture != .none { captured += [UInt8(ascii: "\\"), c] }
          } else if c == UInt8(ascii: "\\") {
            escape = true
          } else if c == UInt8(ascii: "\"") {
            inString = false
            switch capture {
            case .key:
              pendingKey = decoded(captured)
              expectKey = false
            case .resourceType:
              resourceType = decoded(captured)
              pendingKey = nil
              if resourceType == "Bundle" { streaming = true }
            case .none:
              break
            }
            capture = .none
          } else {
            if c == 10 {
              line += 1
              lineStart = absolute + 1
            }
            if capture != .none { captured.append(c) }
          }
          pos += 1
          continue
        }
        switch c {
        case 10:
          line += 1
          lineStart = absolute + 1
        case 9, 13, 32, UInt8(ascii: ":"):
          break
        case UInt8(ascii: "\""):
          guard depth > 0 else { throw fail(.fhirNotAnObject) }
          if inEntries && depth == 2 { throw fail(.fhirEntryNotAnObject(entryIndex)) }
          inString = true
          captured.removeAll(keepingCapacity: true)
          if depth == 1 && expectKey {
            capture = .key
          } else if depth == 1 && pendingKey == "resourceType" {
            capture = .resourceType
          } else {
            capture = .none
            if depth == 1 { pendingKey = nil }
          }
        case UInt8(ascii: "{"), UInt8(ascii: "["):
          if depth == 0 {
            guard c == UInt8(ascii: "{"), !rootClosed else {
              throw fail(.fhirNotAnObject)
            }
            expectKey = true
          } else if depth == 1 {
            if pendingKey == "entry" && c == UInt8(ascii: "[") {
              inEntries = true
              streaming = true
            }
            pendingKey = nil
          } else if inEntries && depth == 2 {
            guard c == UInt8(ascii: "{") else {
              throw fail(.fhirEntryNotAnObject(entryIndex))
            }
            entryStart = absolute
            entryLine = line
            entryLineStart = lineStart
          }
          depth += 1
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
          depth -= 1
          guard depth >= 0 else {
            throw fail(.fhirUnexpectedCharacter(Character(Unicode.Scalar(c))))
          }
          if inEntries && depth == 2, let start = entryStart {
            // Blank what stands before the entry on its line, one space (or tab) per column, so
            // the piece's columns are the file's.
            var piece: [UInt8] = []
            for k in max(entryLineStart, markEnd)..<start where buffer[k - base] & 0xC0 != 0x80 {
              piece.append(buffer[k - base] == 9 ? 9 : 32)
            }
            piece.append(contentsOf: buffer[(start - base)...(absolute - base)])
            try body(.entry(bytes: piece, line: entryLine, index: entryIndex))
            entryIndex += 1
            entryStart = nil
          } else if inEntries && depth == 1 {
            inEntries = false
          } else if depth == 0 {
            rootClosed = true
          }
        case UInt8(ascii: ","):
          if depth == 1 {
            expectKey = true
            pendingKey = nil
          }
        default:
          if depth == 0 { throw fail(.fhirNotAnObject) }
          if inEntries && depth == 2 { throw fail(.fhirEntryNotAnObject(entryIndex)) }
          if depth == 1 { pendingKey = nil }
        }
        pos += 1
      }
      if streaming {
        // Keep only the current line, or the entry being cut out.
        let keep = entryStart != nil ? entryLineStart : lineStart
        if keep > base {
          buffer.removeFirst(keep - base)
          pos -= keep - base
          base = keep
        }
      }
    }

    while true {
      let n = try source.read(into: chunk)
      if n == 0 { break }
      bytesRead += n
      buffer.append(contentsOf: chunk[0..<n])
      if first {
        if buffer.count < 3 { continue }
        if buffer.starts(with: [0xEF, 0xBB, 0xBF]) {
          buffer[0] = 32
          buffer[1] = 32
          buffer[2] = 32
          markEnd = 3
        }
        first = false
      }
      try scan()
    }
    if first { try scan() }
    guard !inString, depth == 0, rootClosed else {
      throw Diagnostic(
        at: SourceLocation(file: name, line: line, column: column(at: base + pos)),
        rootClosed || depth > 0 || inString ? .fhirEndInsideDocument : .jsonNoValue)
    }
    if resourceType == "Bundle" { return }
    if streaming {
      throw Diagnostic(
        at: SourceLocation(file: name, line: 1), .fhirEntriesOutsideBundle(resourceType ?? ""))
    }
    // Without the byte-order mark, so columns on the first line are counted as the file's.
    try body(.document(bytes: Array(buffer[markEnd...])))
  }
}

extension Diagnostic.Message {
  /// A FHIR document or line that is not a JSON object.
  static let fhirNotAnObject = Self("expected a FHIR resource or Bundle (a JSON object)")
  /// A Bundle entry that is not a JSON object.
  static func fhirEntryNotAnObject(_ index: Int) -> Self {
    Self("entry[\(index)] is not an object")
  }
  /// A closing bracket with nothing open.
  static func fhirUnexpectedCharacter(_ c: Character) -> Self { Self("unexpected '\(c)'") }
  /// A file that ends inside its JSON document.
  static let fhirEndInsideDocument = Self("unexpected end of file inside the JSON document")
  /// A document with `entry` whose resourceType is not Bundle (control characters in it escaped,
  /// so the message stays on one line).
  static func fhirEntriesOutsideBundle(_ resourceType: String) -> Self {
    Self(
      "the document has an 'entry' array but its resourceType is '\(resourceType.escapedForMessage)', not 'Bundle'"
    )
  }
}
