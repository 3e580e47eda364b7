import GrouperCore
import GrouperSupport

/// The claim-level checks every reader applies once all lines are read: a (claim id, line number)
/// given twice, and lines of one claim that disagree on member, payer or claim type.
///
/// All lines involved are rejected, not the "second" one, so the outcome does not depend on row
/// order. Each reader says where a line came from, in its own terms, through a ``Locator``.
enum ClaimConsistency {
  /// Where a line of the store came from, for the rejection: the file, and the column (1-based)
  /// and field name that hold a native column's value; and how to name the line in a message.
  struct Locator {
    /// The file, column and field of a line's native column.
    var locate:
      (_ lineIndex: Int, _ column: ClaimField) -> (
        file: String, column: Int?, field: String?
      )
    /// How a line is named in a message (`line 14`, `inpatient.csv line 14`).
    var name: (_ lineIndex: Int) -> String
    /// How several lines holding the same claim line are named (`lines 14, 20`).
    var names: (_ lineIndices: [Int]) -> String
  }

  /// Removes the inconsistent lines from `store` and appends a rejection for each.
  static func check(_ store: inout ClaimStore, rejections: inout [Rejection], locator: Locator) {
    let lines = store.lines
    guard !lines.isEmpty else { return }
    defer { checkVersions(&store, rejections: &rejections, locator: locator) }
    // Line indexes by claim id (a counting sort: ids are 0..<claims.count), then by line number
    // and row index within each claim (an insertion sort: a claim has few lines). 32-bit indexes,
    // 4 bytes a line, rather than sorted (key, index) pairs of 16.
    let claims = store.claims.count
    var starts = [UInt32](repeating: 0, count: claims + 1)
    for line in lines { starts[Int(line.claim) + 1] += 1 }
    for c in 0..<claims { starts[c + 1] += starts[c] }
    // starts[c + 1] is where claim c's lines end. Filled from the last row back, each claim's
    // cursor moves down to where its lines start, its rows staying in file order; claim c's
    // lines are then order[starts[c + 1] ..< starts[c + 2]], the last claim's running to the end.
    var order = [UInt32](repeating: 0, count: lines.count)
    for index in lines.indices.reversed() {
      let c = Int(lines[index].claim) + 1
      starts[c] -= 1
      order[Int(starts[c])] = UInt32(index)
    }
    lines.withUnsafeBufferPointer { lines in
      for c in 0..<claims {
        let from = Int(starts[c + 1])
        let to = c + 2 <= claims ? Int(starts[c + 2]) : lines.count
        guard to - from > 1 else { continue }
        if to - from > 32 {
          // A claim of many lines: a sort, stable by row index.
          order[from..<to].sort { a, b in
            let (x, y) = (lines[Int(a)].line, lines[Int(b)].line)
            return x != y ? x < y : a < b
          }
          continue
        }
        for k in from + 1..<to {
          let moving = order[k]
          var j = k
          // Indexes within a claim are in row order already, so line number alone decides.
          while j > from && lines[Int(order[j - 1])].line > lines[Int(moving)].line {
            order[j] = order[j - 1]
            j -= 1
          }
          order[j] = moving
        }
      }
    }
    starts = []
    let keys = order.lazy.map { index -> (UInt64, Int) in
      let line = lines[Int(index)]
      return (UInt64(line.claim) << 32 | UInt64(line.line), Int(index))
    }
    var problems: [(index: Int, column: ClaimField, reason: Diagnostic.Message)] = []
    var seen = Set<Int>()
    var i = 0
    while i < keys.count {
      let claim = keys[i].0 >> 32
      var j = i
      while j < keys.count && keys[j].0 >> 32 == claim { j += 1 }
      // Lines of one claim are keys[i..<j]; a duplicate line number shows as equal neighbours.
      var k = i
      while k < j {
        var m = k + 1
        while m < j && keys[m].0 == keys[k].0 { m += 1 }
        if m - k > 1 {
          let rows = locator.names(Array(keys[k..<m].map(\.1)))
          let name = store.claims.string(UInt32(claim))
          for (_, index) in keys[k..<m] where seen.insert(index).inserted {
            problems.append(
              (index, .claimID, .duplicateClaimLine(name, line: lines[index].line, rows: rows)))
          }
        }
        k = m
      }
      let first = lines[keys[i].1]
      var member = true
      var payer = true
      var type = true
      for (_, index) in keys[i..<j] {
        let line = lines[index]
        member = member && line.member == first.member
        payer = payer && line.payer == first.payer
        type = type && line.type == first.type
      }
      if !(member && payer && type) {
        let column: ClaimField = !member ? .memberID : !payer ? .payerID : .claimType
        let values: [String] = keys[i..<j].map { key -> String in
          "'\(value(of: lines[key.1], column, store))' on \(locator.name(key.1))"
        }
        let name = store.claims.string(UInt32(claim))
        let reason = Diagnostic.Message.claimLinesDisagree(name, on: column, values)
        for (_, index) in keys[i..<j] where seen.insert(index).inserted {
          problems.append((index, column, reason))
        }
      }
      i = j
    }
    guard !problems.isEmpty else { return }
    for (index, column, reason) in problems {
      let line = lines[index]
      let (file, col, field) = locator.locate(index, column)
      rejections.append(
        Rejection(
          file: file, line: Int(line.sourceLine), column: col, field: field,
          value: value(of: line, column, store),
          reason: reason.text, allowed: line.allowed))
    }
    store.lines = lines.enumerated().filter { !seen.contains($0.offset) }.map(\.element)
  }

  static func value(
    of line: ClaimLine, _ column: ClaimField, _ store: ClaimStore
  ) -> String {
    switch column {
    case .adjustmentType: return line.version.name
    case .replacesClaimID: return store.claims.string(line.replaces)
    case .memberID: return store.members.string(line.member)
    case .payerID: return store.payers.string(line.payer)
    case .claimType: return line.type.name
    default: return store.claims.string(line.claim)
    }
  }
}

extension Diagnostic.Message {
  /// A (claim id, line number) given on more than one row; `rows` says where.
  static func duplicateClaimLine(_ claim: String, line: UInt32, rows: String) -> Self {
    Self("duplicate claim_id+line (claim '\(claim)' line \(line) is on \(rows))")
  }
  /// A claim whose lines name different members, payers or claim types; `values` says each with
  /// its place.
  static func claimLinesDisagree(_ claim: String, on field: ClaimField, _ values: [String]) -> Self
  {
    Self(
      "claim '\(claim)' has lines that disagree on \(field.name): \(values.joined(separator: ", "))"
    )
  }
}
