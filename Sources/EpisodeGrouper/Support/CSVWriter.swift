/// Builds delimited text in a byte buffer, quoting a field only when RFC 4180 needs it.
public struct CSVWriter: Sendable {
  /// The text written so far.
  public private(set) var bytes: [UInt8] = []
  private var fieldsInRow = 0

  /// An empty writer.
  public init() {}

  /// A writer whose first row is `header`.
  public init(header: [String]) {
    row(header)
  }

  /// Appends a field to the current row.
  public mutating func field(_ text: String) {
    var text = text
    text.withUTF8 { field(bytes: $0) }
  }

  /// Appends a field given as bytes.
  public mutating func field(bytes value: UnsafeBufferPointer<UInt8>) {
    if fieldsInRow > 0 { bytes.append(UInt8(ascii: ",")) }
    fieldsInRow += 1
    let needsQuotes = value.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
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
  public mutating func field(_ id: UInt32, in interner: Interner) {
    interner.withBytes(id) { field(bytes: $0) }
  }

  /// Appends a whole number.
  public mutating func field(_ n: Int) { field(String(n)) }

  /// Appends an amount with two decimals.
  public mutating func field(_ amount: Cents) { field(amount.description) }

  /// Appends a day as `YYYY-MM-DD`.
  public mutating func field(_ day: Day) { field(day.description) }

  /// Ends the current row.
  public mutating func endRow() {
    bytes.append(UInt8(ascii: "\n"))
    fieldsInRow = 0
  }

  /// Appends a whole row of text fields.
  public mutating func row(_ fields: [String]) {
    for f in fields { field(f) }
    endRow()
  }

  /// Appends the text another writer built (whole rows).
  public mutating func append(_ other: CSVWriter) {
    bytes.append(contentsOf: other.bytes)
  }
}
