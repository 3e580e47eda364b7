import Testing

@testable import GrouperSupport
@testable import GrouperSynthesis

/// Writer → reader round trips on random values from fixed seeds: what `CSVWriter` and
/// `JSONWriter` write, `CSVReader` and `JSONParser` read back unchanged.
@Suite("Writer → reader round trips")
struct RoundTripPropertyTests {
  /// The pieces random strings are made of: the characters that need quoting or escaping, and
  /// characters of one to four UTF-8 bytes.
  static let pieces = [
    "", "a", "Z9", ",", "\"", "\"\"", "\n", "\r", "\r\n", " ", "\t", "é", "€", "😀", "\u{FEFF}",
    "x,y", "\\", "0", "-", ";",
  ]

  /// A random string of up to `maxPieces` pieces (often empty).
  static func text(_ g: inout SplitMix64, maxPieces: Int = 6) -> String {
    (0..<g.int(0...maxPieces)).map { _ in g.pick(pieces) }.joined()
  }

  @Test("CSV: random tables written and read back give the same fields, in any chunk size")
  func csvRoundTrip() throws {
    var g = SplitMix64(seed: 0xC5F_2026)
    var failures = 0
    for trial in 0..<500 {
      let columns = g.int(1...5)
      let table = (0..<g.int(1...6)).map { _ in (0..<columns).map { _ in Self.text(&g) } }
      var writer = CSVWriter()
      for row in table { writer.row(row) }
      let expected = table.map { $0.map { Array($0.utf8) } }
      for chunk in [Int.max, 1, 2, 3, 7, 64] {
        let read = try ParserProperties.readCSV(writer.bytes, sourceChunk: chunk, readerChunk: 16)
        let got = read.records.map(\.fields)
        if got != expected || read.failure != nil {
          failures += 1
          if failures <= 3 {
            let wrote = table.map { $0.map(\.debugDescription) }
            let back = got.map { $0.map { String(decoding: $0, as: UTF8.self).debugDescription } }
            let failure = read.failure.map(String.init(describing:)) ?? "none"
            Issue.record(
              "trial \(trial), chunk \(chunk): wrote \(wrote), read \(back), failure \(failure)")
          }
        }
      }
    }
    #expect(failures == 0)
  }

  @Test("CSV: a row of one empty field and a first field opening with a byte-order mark survive")
  func csvEdgeRows() throws {
    var writer = CSVWriter()
    writer.row(["\u{FEFF}x", "y"])
    writer.row([""])
    writer.row(["a"])
    // The mark is quoted so a reader does not take it for the file's own; the lone empty field
    // is written `""` so the row is not a blank line, which readers skip.
    #expect(String(decoding: writer.bytes, as: UTF8.self) == "\"\u{FEFF}x\",y\n\"\"\na\n")
    let read = try ParserProperties.readCSV(writer.bytes)
    #expect(read.records.map(\.fields) == [[Array("\u{FEFF}x".utf8), [121]], [[]], [[97]]])
    #expect(read.records.map(\.line) == [1, 2, 3])
  }

  /// Number texts a writer may write: ints, amounts and the decimal texts kept as they were read.
  static let numberTexts = [
    "0", "-0", "1", "-1", "10", "0.5", "-0.25", "123.456", "1e10", "1E-7", "2.5e+3", "-9.99E99",
  ]

  /// A random JSON value no deeper than `depth`, with keys unique in each object.
  static func value(_ g: inout SplitMix64, depth: Int) -> JSONWriter.Value {
    switch g.int(0...(depth > 0 ? 8 : 6)) {
    case 0: return .null
    case 1: return .bool(g.chance(0.5))
    case 2:
      return .int(
        g.pick([0, 1, -1, Int.max, Int.min, Int(truncatingIfNeeded: g.next()), g.int(-999...999)]))
    case 3: return .money(Cents(Int64(truncatingIfNeeded: g.next()) >> g.int(0...63)))
    case 4: return .raw(g.pick(numberTexts))
    case 5, 6:
      var s = text(&g)
      // Control characters the writer escapes as \u00XX, and a line separator it writes raw.
      if g.chance(0.3) {
        s += g.pick(["\u{0}", "\u{1}", "\u{8}", "\u{C}", "\u{1F}", "\u{7F}", "\u{2028}", "/"])
      }
      return .string(s)
    case 7: return .array((0..<g.int(0...4)).map { _ in value(&g, depth: depth - 1) })
    default:
      var keys: [String] = []
      for _ in 0..<g.int(0...4) {
        let k = text(&g, maxPieces: 3)
        // The parser refuses a repeated key (compared as Swift compares strings).
        if !keys.contains(k) { keys.append(k) }
      }
      return .object(keys.map { ($0, value(&g, depth: depth - 1)) })
    }
  }

  /// The value the parser should read back: numbers as the writer writes them.
  static func expected(_ v: JSONWriter.Value) -> JSONValue {
    func node(_ v: JSONWriter.Value) -> JSONNode { JSONNode(expected(v), line: 0, column: 0) }
    switch v {
    case .string(let s): return .string(s)
    case .int(let n): return .number(String(n))
    case .money(let c): return .number(c.description)
    case .raw(let text): return .number(text)
    case .bool(let b): return .bool(b)
    case .null: return .null
    case .array(let items): return .array(items.map(node))
    case .object(let members):
      return .object(
        members.map { JSONMember(key: $0.0, keyLine: 0, keyColumn: 0, value: node($0.1)) })
    }
  }

  @Test("JSON: random values written and parsed give the same value")
  func jsonRoundTrip() throws {
    var g = SplitMix64(seed: 0x15_0_2026)
    var failures = 0
    for trial in 0..<500 {
      let v = Self.value(&g, depth: 4)
      let text = JSONWriter.render(v)
      let want = JSONNode(Self.expected(v), line: 0, column: 0)
      switch try ParserProperties.parseJSON(Array(text.utf8)) {
      case .success(let node) where ParserProperties.same(node, want, positions: false):
        continue
      case let outcome:
        failures += 1
        if failures <= 3 { Issue.record("trial \(trial): wrote\n\(text)\nparsed \(outcome)") }
      }
    }
    #expect(failures == 0)
  }

  @Test("JSON: money and whole numbers are written as the exact texts the parser keeps")
  func jsonNumbers() throws {
    // −12345 cents is −123.45 dollars; Int.min has 19 digits and a sign.
    let text = JSONWriter.render(.array([.money(Cents(-12_345)), .int(Int.min), .raw("1E400")]))
    let node = try JSONParser.parse(Array(text.utf8), file: "n.json")
    let numbers = try JSONCursor(root: node, file: "n.json").array().map { try $0.decimalText() }
    #expect(numbers == ["-123.45", "-9223372036854775808", "1E400"])
  }
}
