/// Byte-level UTF-8 validation for input fields: an ASCII fast path, then the full rules
/// (no overlong forms, no surrogates, nothing above U+10FFFF), with no `String` made.
package enum UTF8Check {
  /// The offset of the first byte that does not begin a valid UTF-8 sequence, or nil when all
  /// the bytes are valid UTF-8.
  package static func firstInvalid(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    var i = 0
    let n = bytes.count
    // Eight bytes at a time while they are all ASCII: the common case of every id and code.
    if let base = bytes.baseAddress {
      let raw = UnsafeRawPointer(base)
      while i + 8 <= n
        && raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
      {
        i += 8
      }
    }
    while i < n {
      if bytes[i] < 0x80 {
        i += 1
        continue
      }
      guard let length = sequenceLength(bytes, at: i) else { return i }
      i += length
    }
    return nil
  }

  /// The length of the valid multi-byte sequence starting at `i`, or nil when it is not one.
  package static func sequenceLength<C: RandomAccessCollection>(_ bytes: C, at i: C.Index) -> Int?
  where C.Element == UInt8, C.Index == Int {
    let lead = bytes[i]
    let length: Int
    var low: UInt8 = 0x80
    var high: UInt8 = 0xBF
    switch lead {
    case 0xC2...0xDF: length = 2
    case 0xE0:
      length = 3
      low = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: length = 3
    case 0xED:
      length = 3
      high = 0x9F
    case 0xF0:
      length = 4
      low = 0x90
    case 0xF1...0xF3: length = 4
    case 0xF4:
      length = 4
      high = 0x8F
    default: return nil
    }
    guard i + length <= bytes.endIndex else { return nil }
    let second = bytes[i + 1]
    guard second >= low && second <= high else { return nil }
    for k in 2..<length where bytes[i + k] & 0xC0 != 0x80 { return nil }
    return length
  }
}

extension Diagnostic.Message {
  /// A field with bytes that are not UTF-8: which byte, and at which character of the field
  /// (counting the characters before it, as an editor's column does).
  package static func notUTF8(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Self {
    let hex = String(bytes[offset], radix: 16, uppercase: true)
    var character = 1
    for b in bytes[..<offset] where b & 0xC0 != 0x80 { character += 1 }
    return Self(
      "not valid UTF-8 (byte 0x\(hex.count < 2 ? "0" + hex : hex) at character \(character) of the field)"
    )
  }
}
