import Foundation
import GrouperCore
import GrouperSupport

/// The one pass over a native claim CSV that spills its rows into bucket files by member.
///
/// Records are cut by the same ``CSVReader`` the claim reader uses, so a file broken as a whole
/// (an unterminated quote) fails here with the error a run in memory gives. Each data record is
/// written again as RFC 4180 text (its fields' bytes unchanged, quoted where they need it) with
/// its original line number, into bucket `fnv1a64(member_id) mod buckets` (the hash of
/// `--shard`, over the trimmed id). ``PartitionSource`` later replays a set of buckets at the
/// original line numbers, so a partition's rejections, warnings and messages name the lines of
/// the input itself.
///
/// Claim-level checks and claim versions tie a claim's lines together across members, so the
/// pass also writes one key per row, `(fnv1a64(claim_id), bucket)`, and one per
/// `replaces_claim_id`, `(fnv1a64(replaced claim), bucket)`, into key files by hash; buckets that
/// share a key are grouped together (see ``PartitionPlan``).
struct SpillPass {
  /// What the pass found.
  struct Result {
    /// The header record, written again.
    var header: [UInt8] = []
    /// The line the header starts on (after any empty lines).
    var headerLine = 1
    /// The lines the header spans (more than one when a quoted name holds a line break).
    var headerNewlines = 1
    /// Whether the header is one the claim reader refuses (a required column missing, a column
    /// given twice): then nothing past it was read.
    var badHeader = false
    /// Data records per bucket.
    var records: [Int]
    /// Per bucket, the latest from_date that parses and lies in the date bounds: no valid line
    /// of the bucket starts later.
    var latestFrom: [Day?]
    /// The bucket files, by number.
    var bucketPaths: [String]
    /// The key files, by `hash mod buckets`.
    var keyPaths: [String]
    /// Bytes of the input read.
    var bytesRead = 0

    /// Data records in all.
    var totalRecords: Int { records.reduce(0, +) }
  }

  /// The input's name in diagnostics (the path, or `-`).
  let name: String
  /// The number of buckets.
  let buckets: Int
  /// The plausible dates (`--date-range`).
  let dates: DateBounds
  /// Where bucket and key files go.
  let folder: SpillFolder

  /// Reads `source` to its end, spilling every record; throws what the CSV reader throws.
  func run<S: ByteSource>(_ source: S, chunkSize: Int = 1 << 22) throws -> Result {
    var result = Result(
      records: Array(repeating: 0, count: buckets),
      latestFrom: Array(repeating: nil, count: buckets),
      bucketPaths: (0..<buckets).map { folder.file("bucket-\($0)") },
      keyPaths: (0..<buckets).map { folder.file("keys-\($0)") })
    let bucketFiles = try result.bucketPaths.map { try SpillWriter(path: $0) }
    let keyFiles = try result.keyPaths.map { try SpillWriter(path: $0, bufferSize: 1 << 14) }
    var csv = CSVReader(source: source, name: name, chunkSize: chunkSize)
    var columns: Columns?
    var fieldCount = 0
    var scratch: [UInt8] = []
    scratch.reserveCapacity(1024)
    let count = UInt64(buckets)
    let dates = self.dates
    var latest = result.latestFrom
    var records = result.records
    do {
      try csv.forEachRecord { record in
        guard let map = columns else {
          result.headerLine = record.line
          result.headerNewlines = Self.serialize(record, into: &scratch)
          result.header = scratch
          fieldCount = record.count
          guard let found = Columns(record.strings) else {
            result.badHeader = true
            throw HeaderRefused()
          }
          columns = found
          return
        }
        var bucket = 0
        if record.count == fieldCount {
          let member = trimmed(record[map.member])
          bucket = Int(MemberShard.hash(member) % count)
          let claim = MemberShard.hash(trimmed(record[map.claim]))
          let keys = keyFiles[Int(claim % count)]
          keys.word(claim)
          keys.varint(bucket)
          try keys.endRecord()
          if let r = map.replaces {
            let target = trimmed(record[r])
            if !target.isEmpty {
              let hash = MemberShard.hash(target)
              let keys = keyFiles[Int(hash % count)]
              keys.word(hash)
              keys.varint(bucket)
              try keys.endRecord()
            }
          }
          if let day = Day.parseISO(trimmed(record[map.from])), dates.check(day) == nil,
            latest[bucket].map({ day > $0 }) ?? true
          {
            latest[bucket] = day
          }
        }
        let newlines = Self.serialize(record, into: &scratch)
        let file = bucketFiles[bucket]
        file.varint(record.line)
        file.varint(newlines)
        file.varint(scratch.count)
        file.bytes(scratch)
        try file.endRecord()
        records[bucket] += 1
      }
    } catch is HeaderRefused {
      return result
    }
    for file in bucketFiles + keyFiles { try file.flush() }
    result.latestFrom = latest
    result.records = records
    result.bytesRead = csv.bytesRead
    return result
  }

  /// Ends the pass at a header the claim reader refuses.
  private struct HeaderRefused: Error {}

  /// The columns the pass reads, found as the claim reader finds them (trimmed, any case).
  struct Columns {
    /// The index of `member_id`.
    var member: Int
    /// The index of `claim_id`.
    var claim: Int
    /// The index of `from_date`.
    var from: Int
    /// The index of `replaces_claim_id`, when the file has one.
    var replaces: Int?

    /// The columns of `names`; nil when the claim reader refuses the header (a column twice,
    /// a required one missing), so the reader's own error is given.
    init?(_ names: [String]) {
      var map = [Int](repeating: -1, count: ClaimField.allCases.count)
      for (i, raw) in names.enumerated() {
        let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
        guard let column = ClaimField(name: name) else { continue }
        if map[column.rawValue] >= 0 { return nil }
        map[column.rawValue] = i
      }
      for field in ClaimField.allCases where field.isRequired && map[field.rawValue] < 0 {
        return nil
      }
      let required = [ClaimField.memberID, .claimID, .fromDate].map { map[$0.rawValue] }
      guard !required.contains(where: { $0 < 0 }) else { return nil }
      member = required[0]
      claim = required[1]
      from = required[2]
      let r = map[ClaimField.replacesClaimID.rawValue]
      replaces = r >= 0 ? r : nil
    }
  }

  /// Writes `record` as one line of RFC 4180 text ending in LF into `out`, quoting a field that
  /// holds a comma, quote, CR or LF or opens with a byte-order mark, and a lone empty field as
  /// `""` (an empty line would be skipped); returns the LFs written (the line count it spans).
  @discardableResult
  static func serialize(_ record: CSVRecord, into out: inout [UInt8]) -> Int {
    out.removeAll(keepingCapacity: true)
    var newlines = 1
    for index in 0..<record.count {
      if index > 0 { out.append(UInt8(ascii: ",")) }
      let field = record[index]
      var quote = field.starts(with: [0xEF, 0xBB, 0xBF]) || (record.count == 1 && field.isEmpty)
      for c in field where c == 44 || c == 34 || c == 10 || c == 13 {
        quote = true
        if c == 10 { newlines += 1 }
      }
      guard quote else {
        out.append(contentsOf: field)
        continue
      }
      out.append(34)
      for c in field {
        if c == 34 { out.append(34) }
        out.append(c)
      }
      out.append(34)
    }
    out.append(10)
    return newlines
  }
}

/// The bytes without leading and trailing spaces and tabs, as every claim field is trimmed.
@inline(__always)
func trimmed(_ raw: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
  var start = 0
  var end = raw.count
  while start < end && (raw[start] == 32 || raw[start] == 9) { start += 1 }
  while end > start && (raw[end - 1] == 32 || raw[end - 1] == 9) { end -= 1 }
  return UnsafeBufferPointer(rebasing: raw[start..<end])
}
