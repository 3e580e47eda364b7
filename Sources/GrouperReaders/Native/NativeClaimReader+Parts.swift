import Dispatch
import GrouperCore
import GrouperSupport
import Synchronization

/// Reading one native claim file in parts on several threads, with the result of a single pass.
///
/// The file is cut into parts of about ``NativeClaimReader/partSize`` bytes, each just after a
/// newline. Worker threads read the parts, each with its own interners, and the parts are
/// appended in file order as they finish (``ClaimStore/append(_:)``), so ids, lines, rejections
/// and warnings come out exactly as one pass over the file makes them, whatever the thread count.
///
/// A cut may fall inside a quoted field that holds a newline. The part before such a cut then
/// ends inside an open quote, which its reader reports as an unterminated field; any error in
/// any part sends the whole file to the single-pass reader, which reads it as it always does and
/// reports the file's first problem where it is. A part read without error therefore ends at a
/// record's end, and the parts' records are the file's records.
extension NativeClaimReader {
  /// What one part produced, its lines numbered from 1 within the part.
  struct Part {
    /// The part's valid lines, with the part's own interners.
    var store: ClaimStore
    /// The part's rejected rows.
    var rejections: [Rejection]
    /// The part's warnings.
    var warnings: ReadWarnings
    /// The part's data rows.
    var rows: Int
    /// The newlines in the part: how far the next part's line numbers are shifted.
    var newlines: Int
  }

  /// The parts merged so far, in file order.
  struct Merged {
    /// The lines of the parts merged.
    var store = ClaimStore()
    /// Their rejections.
    var rejections: [Rejection] = []
    /// Their warnings.
    var warnings = ReadWarnings()
    /// Their data rows.
    var rows = 0
    /// The lines before the next part.
    var lineOffset = 0
    /// The next part to merge.
    var next = 0
    /// Whether a part failed: the file is then read again in one pass.
    var failed = false

    /// Appends the next part of `parts` (`size` is the file's, to reserve room for all its
    /// lines).
    mutating func add(_ part: Part, of parts: Int, fileSize size: Int, partBytes: Int) {
      var part = part
      if lineOffset > 0 {
        // The lines' own numbers are moved on as they are appended, below.
        for i in part.rejections.indices { part.rejections[i].line += lineOffset }
        part.warnings.shiftLines(by: lineOffset)
      }
      if next == 0 {
        // The first part tells how many lines the whole file likely holds.
        let expected = Int(
          Double(part.store.lines.count) * Double(size) / Double(max(partBytes, 1)))
        store = part.store
        store.lines.reserveCapacity(expected + expected / 50 + 16)
        // Claim and member ids rarely repeat across parts: their tables grow with the file.
        let scale = Double(size) / Double(max(partBytes, 1)) * 1.02
        store.claims.reserveCapacity(
          Int(Double(store.claims.count) * scale),
          bytes: Int(Double(store.claims.byteCount) * scale))
        store.members.reserveCapacity(
          Int(Double(store.members.count) * scale),
          bytes: Int(Double(store.members.byteCount) * scale))
        store.codePool.reserveCapacity(Int(Double(store.codePool.count) * scale))
      } else {
        store.append(part.store, sourceLinesAfter: lineOffset)
      }
      rejections += part.rejections
      warnings.merge(part.warnings)
      rows += part.rows
      lineOffset += part.newlines
      next += 1
      if next == parts {
        // Every claim id is in: its hash table (the largest, most ids being distinct) is freed
        // before the claim checks, which go by id.
        store.claims.dropIndex()
      }
    }
  }

  /// Reads the file in parts on ``jobs`` threads; nil when it cannot be cut or a part fails
  /// (the caller then reads it in one pass, which reports any problem as it always does).
  func readInParts(_ file: FileByteSource, size: Int) -> ClaimReadResult? {
    guard let cuts = try? cuts(file, size: size), cuts.count > 2,
      let header = try? header(file, end: cuts[1])
    else { return nil }
    let parts = cuts.count - 1
    let slots = Mutex([Part?](repeating: nil, count: parts))
    let merged = Mutex(Merged())
    let next = Atomic<Int>(0)
    let failed = Atomic<Bool>(false)
    let total = Atomic<Int>(0)
    let mergedParts = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: min(jobs, parts)) { _ in
      while !failed.load(ordering: .relaxed) {
        let k = next.wrappingAdd(1, ordering: .relaxed).oldValue
        guard k < parts else { return }
        guard let part = try? readPart(k, of: cuts, file, header: header, total: total) else {
          failed.store(true, ordering: .relaxed)
          return
        }
        slots.withLock { $0[k] = part }
        // A thread that finds another merging goes on reading: the merger takes this part too
        // when it is ready in time, and the last drain below takes whatever is left. But when
        // the parts read run more than a few ahead of the merge, the thread waits its turn to
        // merge, so parts waiting in memory stay few.
        if k - mergedParts.load(ordering: .relaxed) > jobs + 1 {
          merged.withLock { m in drain(&m) }
        } else {
          merged.withLockIfAvailable { m in drain(&m) }
        }
      }
    }
    /// Appends the parts that are ready, in order.
    @Sendable func drain(_ m: inout Merged) {
      defer { mergedParts.store(m.next, ordering: .relaxed) }
      while m.next < parts,
        let part = slots.withLock({ s -> Part? in
          defer { s[m.next] = nil }
          return s[m.next]
        })
      {
        m.add(part, of: parts, fileSize: size, partBytes: cuts[m.next + 1] - cuts[m.next])
      }
    }
    let result = merged.withLock { m -> Merged? in
      if !failed.load(ordering: .relaxed) { drain(&m) }
      return m.next == parts ? m : nil
    }
    guard !failed.load(ordering: .relaxed), let result, result.rows > 0 else { return nil }
    return finish(
      store: result.store, rejections: result.rejections, columns: header.columns,
      rows: result.rows, bytes: size, warnings: result.warnings)
  }

  /// The header's names and field index of each column, read from the first part.
  private func header(_ file: FileByteSource, end: Int) throws -> (names: [String], columns: [Int])
  {
    var reader = CSVReader(
      source: FileRangeByteSource(file: file, from: 0, to: end), name: path, chunkSize: 1 << 16)
    var names: [String]?
    do {
      try reader.forEachRecord { record in
        names = record.strings
        throw HeaderRead()
      }
    } catch is HeaderRead {}
    guard let names else { throw HeaderRead() }
    return (names, try columnMap(names, line: 1))
  }

  /// Thrown to stop reading after the header.
  private struct HeaderRead: Error {}

  /// Reads part `k` of the file, between `cuts[k]` and `cuts[k + 1]`, through a small buffer: a
  /// buffer per part is fresh memory, and the system zeroes every page of it.
  private func readPart(
    _ k: Int, of cuts: [Int], _ file: FileByteSource, header: (names: [String], columns: [Int]),
    total: borrowing Atomic<Int>
  ) throws -> Part {
    var reader = CSVReader(
      source: FileRangeByteSource(file: file, from: cuts[k], to: cuts[k + 1]), name: path,
      chunkSize: min(chunkSize, 1 << 18), byteOrderMark: k == 0)
    var state = RowState(path: path, defaultPayer: defaultPayer, dates: dates)
    state.columns = header.columns
    state.builder.reserveLines((cuts[k + 1] - cuts[k]) / 100)
    state.builder.reserveClaimIDs((cuts[k + 1] - cuts[k]) / 100)
    var skipHeader = k == 0
    var rows = 0
    let step = 1 << 16
    try reader.forEachRecord { record in
      if skipHeader {
        skipHeader = false
        return
      }
      rows += 1
      if let progress, rows & (step - 1) == 0 {
        let read = total.wrappingAdd(step, ordering: .relaxed).newValue
        if read & 0xFFFFF == 0 { progress(read) }
      }
      state.parse(record, columns: header.columns, names: header.names)
    }
    return Part(
      store: state.builder.finish(), rejections: state.rejections,
      warnings: state.builder.warnings, rows: rows, newlines: reader.nextLine - 1)
  }

  /// Where the parts start, and the file's size last: each cut just after a newline.
  private func cuts(_ file: FileByteSource, size: Int) throws -> [Int] {
    let count = max(jobs, size / partSize)
    var cuts = [0]
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    for k in 1..<count {
      var at = max(size / count * k, cuts.last! + 1)
      var found = false
      while at < size && !found {
        let n = try buffer.withUnsafeMutableBytes { b in
          try file.read(into: b, at: at, count: min(b.count, size - at))
        }
        guard n > 0 else { break }
        if let i = buffer[..<n].firstIndex(of: UInt8(ascii: "\n")) {
          at += i + 1
          found = true
        } else {
          at += n
        }
      }
      guard found, at < size else { break }
      cuts.append(at)
    }
    cuts.append(size)
    return cuts
  }
}
