/// Builds delimited text in a byte buffer, quoting a field only when RFC 4180 needs it.
package struct CSVWriter: Sendable {
  /// The text written so far.
  package private(set) var bytes: [UInt8] = []
  private var fieldsInRow = 0
  /// Where the current row starts in `bytes`.
  private var rowStart = 0

  /// An empty writer.
  package init() {}

  /// Empties the writer between rows, keeping its buffer for the next piece of a table.
  package mutating func removeAll() {
    precondition(fieldsInRow == 0, "a piece ends between rows")
    bytes.removeAll(keepingCapacity: true)
    rowStart = 0
  }

  /// A writer whose first row is `header`.
  package init(header: [String]) {
    row(header)
  }

  /// Appends a field to the current row.
  package mutating func field(_ text: String) {
    var text = text
    text.withUTF8 { field(bytes: $0) }
  }

  /// Appends a field given as bytes.
  package mutating func field(bytes value: UnsafeBufferPointer<UInt8>) {
    separate()
    // A byte-order mark opening the text would be taken for the file's own and dropped by a
    // reader, unless the field is quoted.
    let opensWithMark = bytes.isEmpty && value.starts(with: [0xEF, 0xBB, 0xBF])
    let needsQuotes =
      opensWithMark
      || value.contains {
        $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13
      }
    guard needsQuotes else {
      bytes.append(contentsOf: value)
      return
    }
    bytes.append(UInt8(ascii: "\""))
    for c in value {
      if c == UInt8(ascii: "\"") { bytes.append(c) }
      bytes.append(c)
    }
    bytes.append(UInt8(ascii: "\""))
  }

  /// Appends an interned string as a field.
  package mutating func field(_ id: UInt32, in interner: Interner) {
    interner.withBytes(id) { field(bytes: $0) }
  }

  /// Appends a whole number.
  package mutating func field(_ n: Int) {
    separate()
    if n < 0 { bytes.append(UInt8(ascii: "-")) }
    appendDigits(n.magnitude, minimumWidth: 1)
  }

  /// Appends an amount with two decimals.
  package mutating func field(_ amount: Cents) {
    separate()
    if amount.value < 0 { bytes.append(UInt8(ascii: "-")) }
    let magnitude = amount.value.magnitude
    appendDigits(UInt(magnitude / 100), minimumWidth: 1)
    bytes.append(UInt8(ascii: "."))
    appendDigits(UInt(magnitude % 100), minimumWidth: 2)
  }

  /// Appends a day as `YYYY-MM-DD`.
  package mutating func field(_ day: Day) {
    separate()
    let (y, m, d) = day.components
    appendDigits(UInt(y), minimumWidth: 4)
    bytes.append(UInt8(ascii: "-"))
    appendDigits(UInt(m), minimumWidth: 2)
    bytes.append(UInt8(ascii: "-"))
    appendDigits(UInt(d), minimumWidth: 2)
  }

  private mutating func separate() {
    if fieldsInRow > 0 { bytes.append(UInt8(ascii: ",")) }
    fieldsInRow += 1
  }

  private mutating func appendDigits(_ value: UInt, minimumWidth: Int) {
    var digits:
      (
        UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
        UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
      ) =
        (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var count = 0
    var v = value
    withUnsafeMutableBytes(of: &digits) { raw in
      // Typed bytes, so the append below copies with memcpy rather than byte by byte.
      let buffer = raw.bindMemory(to: UInt8.self)
      repeat {
        buffer[19 - count] = UInt8(48 + v % 10)
        v /= 10
        count += 1
      } while v > 0
      while count < minimumWidth {
        buffer[19 - count] = 48
        count += 1
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[(20 - count)...]))
    }
  }

  /// Ends the current row. A row of one empty field is written `""`: as an empty line, readers
  /// would skip it.
  package mutating func endRow() {
    if fieldsInRow == 1 && bytes.count == rowStart {
      bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: "\"")])
    }
    bytes.append(UInt8(ascii: "\n"))
    fieldsInRow = 0
    rowStart = bytes.count
  }

  /// Appends a whole row of text fields.
  package mutating func row(_ fields: [String]) {
    for f in fields { field(f) }
    endRow()
  }

  /// Appends the text another writer built (whole rows).
  package mutating func append(_ other: CSVWriter) {
    bytes.append(contentsOf: other.bytes)
    rowStart = bytes.count
  }
}
