import Foundation
import GrouperSupport

/// One partition's rows of an output table, kept on disk by member: each record is a member id
/// and the rows of that member, as the table's text. A partition writes its members in id order,
/// and every member is in one partition, so merging the partitions' files by member id gives the
/// rows in the order a run in memory writes them (see ``merge(_:header:into:)``).
enum MemberBlocks {
  /// Writes the rows of `csv` (a table with its header, as ``EpisodeReports`` writes it) to
  /// `writer` in blocks of consecutive rows of one member; `member(r)` is row r's member id and
  /// `memberBytes` gives an id's bytes. Returns the header's bytes.
  @discardableResult
  static func write(
    _ csv: [UInt8], member: (Int) -> UInt32,
    memberBytes: (UInt32, (UnsafeBufferPointer<UInt8>) -> Void) -> Void,
    to writer: SpillWriter
  ) throws -> [UInt8] {
    try csv.withUnsafeBufferPointer { bytes in
      let headerEnd = rowEnd(bytes, from: 0)
      var start = headerEnd
      var row = 0
      while start < bytes.count {
        let m = member(row)
        var end = rowEnd(bytes, from: start)
        row += 1
        while end < bytes.count && member(row) == m {
          end = rowEnd(bytes, from: end)
          row += 1
        }
        memberBytes(m) { id in
          writer.varint(id.count)
          writer.bytes(id)
        }
        writer.varint(end - start)
        writer.bytes(UnsafeBufferPointer(rebasing: bytes[start..<end]))
        try writer.endRecord()
        start = end
      }
      try writer.flush()
      return Array(bytes[..<headerEnd])
    }
  }

  /// The end (after its LF) of the row that starts at `start` in text ``CSVWriter`` wrote: the
  /// first LF outside quotes (a doubled quote inside a quoted field toggles twice).
  private static func rowEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    var quoted = false
    var i = start
    while i < bytes.count {
      let c = bytes[i]
      i += 1
      if c == 34 {
        quoted.toggle()
      } else if c == 10 && !quoted {
        return i
      }
    }
    return i
  }

  /// Writes `header`, then the blocks of the files at `paths` merged by member id (the bytes'
  /// order, as ``Interner/compare(_:_:)``; a tie goes to the earlier file), to `output`.
  static func merge(_ paths: [String], header: [UInt8], into output: String) throws {
    let writer = try SpillWriter(path: output, bufferSize: 1 << 20)
    writer.bytes(header)
    let readers = try paths.map { try SpillReader(path: $0, bufferSize: 1 << 18) }
    // Each file's next block: its member id (copied) and its rows' length, read lazily.
    var heads: [[UInt8]?] = try readers.map { try nextMember($0) }
    while true {
      var best: Int?
      for k in heads.indices {
        guard let id = heads[k] else { continue }
        if let b = best {
          let less = id.withUnsafeBufferPointer { x in
            heads[b]!.withUnsafeBufferPointer { y in Interner.compare(x, y) < 0 }
          }
          if less { best = k }
        } else {
          best = k
        }
      }
      guard let k = best else { break }
      let length = try readers[k].varint()
      writer.bytes(try readers[k].bytes(length))
      try writer.endRecord()
      heads[k] = try nextMember(readers[k])
    }
    try writer.flush()
  }

  /// The member id of a file's next block, nil at its end.
  private static func nextMember(_ reader: SpillReader) throws -> [UInt8]? {
    if try reader.atEnd { return nil }
    return Array(try reader.bytes(try reader.varint()))
  }
}
