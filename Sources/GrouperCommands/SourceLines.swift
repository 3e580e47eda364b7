import GrouperCore
import GrouperSupport

/// The "source lines" file of a partition (`--source-lines`): for each data row of the partition
/// file, in order, its line in the original file, one decimal number a line. Numbers start at 2
/// (line 1 is the header) and increase, as the rows keep their original order.
enum SourceLines {
  /// The numbers in the file at `path`; throws a diagnostic naming the file and line of the first
  /// entry that is not a line number or does not increase.
  static func parse(path: String) throws -> [Int] {
    try parse(try FileByteSource(path: path).readAll(), file: path)
  }

  /// The numbers in `bytes`, read from `file` (for diagnostics).
  static func parse(_ bytes: [UInt8], file: String) throws -> [Int] {
    var numbers: [Int] = []
    var start = 0
    var line = 1
    while start < bytes.count {
      var end = bytes[start...].firstIndex(of: 10) ?? bytes.count
      let next = end + 1
      if end > start && bytes[end - 1] == 13 { end -= 1 }
      let text = bytes[start..<end]
      var value = 0
      let valid =
        !text.isEmpty && text.count <= 18
        && text.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
      if valid { for b in text { value = value * 10 + Int(b - UInt8(ascii: "0")) } }
      guard valid, value >= 2 else {
        throw Diagnostic(
          at: SourceLocation(file: file, line: line),
          .notASourceLine(String(decoding: text.prefix(Rejection.shownLength), as: UTF8.self)))
      }
      if let last = numbers.last, value <= last {
        throw Diagnostic(
          at: SourceLocation(file: file, line: line), .sourceLineNotIncreasing(value, after: last))
      }
      numbers.append(value)
      start = next
      line += 1
    }
    return numbers
  }
}
