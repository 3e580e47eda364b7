import Foundation

/// The header row of a RIF file: its column names and where each stands.
struct RIFHeader {
  /// The column names, trimmed, in file order.
  var names: [String]
  /// The field index of each name.
  var index: [String: Int]
  /// The file's kind, as the names say.
  var kind: RIFFileKind?

  /// A header from its column names (a UTF-8 byte-order mark on the first is ignored).
  init(_ raw: [String]) {
    names = raw.map {
      $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\u{FEFF}", with: "")
    }
    var index: [String: Int] = [:]
    for (i, name) in names.enumerated() where index[name] == nil { index[name] = i }
    self.index = index
    kind = RIFFileKind.recognise(Set(names))
  }

  /// The field index of a column, or nil when the file has none.
  subscript(_ name: String) -> Int? { index[name] }

  /// The columns named `PREFIX1` … `PREFIXn` in order, as far as they go.
  func numbered(_ prefix: String, upTo limit: Int) -> [Int] {
    (1...limit).compactMap { index["\(prefix)\($0)"] }
  }

  /// Reads the first line of a file, split on `|`, or nil when the file is empty or its first line
  /// holds no `|` (not a RIF file).
  static func peek(path: String) -> [String]? {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    var bytes: [UInt8] = []
    while bytes.count < 1 << 20 {
      guard let chunk = try? handle.read(upToCount: 1 << 16), !chunk.isEmpty else { break }
      if let newline = chunk.firstIndex(of: UInt8(ascii: "\n")) {
        bytes += chunk[chunk.startIndex..<newline]
        break
      }
      bytes += chunk
    }
    if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
    guard bytes.contains(UInt8(ascii: "|")) else { return nil }
    return String(decoding: bytes, as: UTF8.self).split(
      separator: "|", omittingEmptySubsequences: false
    ).map(String.init)
  }
}
