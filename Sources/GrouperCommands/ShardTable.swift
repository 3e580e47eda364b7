import GrouperSupport

/// One CSV output of a shard run held as its bytes and the byte ranges of its records, so a merge
/// copies each row exactly as it was written and only reads the fields it sorts by.
struct ShardTable {
  /// The file, for diagnostics.
  let path: String
  /// The file's bytes.
  let bytes: [UInt8]
  /// The header record, with its line end.
  let header: Range<Int>
  /// The data records in file order, each with its line end.
  let rows: [Range<Int>]
  /// The 1-based line each data record starts on.
  let lines: [Int]
  /// The header's column names.
  let columns: [String]

  /// Reads the table at `path`; throws missing input when it is not there, bad input when it has
  /// no header or an unterminated quote.
  init(path: String) throws {
    guard let source = try? FileByteSource(path: path) else {
      throw Diagnostic(at: SourceLocation(file: path), .shardFileMissing)
    }
    let bytes = try source.readAll()
    var records: [Range<Int>] = []
    var starts: [Int] = []
    var start = 0
    var line = 1
    var recordLine = 1
    var quoted = false
    for (i, b) in bytes.enumerated() {
      if b == UInt8(ascii: "\"") {
        quoted.toggle()
      } else if b == 10 {
        line += 1
        if !quoted {
          records.append(start..<i + 1)
          starts.append(recordLine)
          start = i + 1
          recordLine = line
        }
      }
    }
    guard !quoted else {
      throw Diagnostic(at: SourceLocation(file: path, line: recordLine), .shardTableUnterminated)
    }
    if start < bytes.count {
      records.append(start..<bytes.count)
      starts.append(recordLine)
    }
    guard let first = records.first else {
      throw Diagnostic(at: SourceLocation(file: path), .shardTableEmpty)
    }
    self.path = path
    self.bytes = bytes
    header = first
    rows = Array(records.dropFirst())
    lines = Array(starts.dropFirst())
    columns = Self.fields(bytes[first]).map { String(decoding: $0, as: UTF8.self) }
  }

  /// The index of column `name`; throws bad input naming the header when it is absent.
  func column(_ name: String) throws -> Int {
    guard let index = columns.firstIndex(of: name) else {
      throw Diagnostic(at: SourceLocation(file: path, line: 1), .shardTableLacksColumn(name))
    }
    return index
  }

  /// Field `index` of data row `row`, unquoted (empty when the row is shorter).
  func field(_ row: Int, _ index: Int) -> [UInt8] {
    let fields = Self.fields(bytes[rows[row]])
    return index < fields.count ? fields[index] : []
  }

  /// The fields of one record (line end dropped, quotes removed, `""` made `"`).
  static func fields(_ record: ArraySlice<UInt8>) -> [[UInt8]] {
    var fields: [[UInt8]] = []
    var current: [UInt8] = []
    var quoted = false
    var i = record.startIndex
    while i < record.endIndex {
      let b = record[i]
      if quoted {
        if b == UInt8(ascii: "\"") {
          if i + 1 < record.endIndex && record[i + 1] == UInt8(ascii: "\"") {
            current.append(b)
            i += 1
          } else {
            quoted = false
          }
        } else {
          current.append(b)
        }
      } else if b == UInt8(ascii: "\"") {
        quoted = true
      } else if b == UInt8(ascii: ",") {
        fields.append(current)
        current = []
      } else if b != 10 && b != 13 {
        current.append(b)
      }
      i += 1
    }
    fields.append(current)
    return fields
  }
}
