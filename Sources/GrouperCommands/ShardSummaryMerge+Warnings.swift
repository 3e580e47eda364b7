import GrouperCore
import GrouperSupport

/// The warnings of partition runs, joined as one read of the whole file counts them: by kind, the
/// counts summed and the places kept the smallest of all the partitions' (``ReadWarnings`` keeps
/// the smallest, so the smallest of the union are the single run's, whatever the split).
extension ShardSummaryMerge {
  /// One place as `summary.json` writes it, with the key ``ReadWarnings`` orders places by.
  private struct Place {
    /// The value as read.
    var value: String
    /// The file, line and column of `at`.
    var file: String
    var line: Int
    var column: Int
    /// The place as written.
    var node: JSONNode

    /// Whether this place comes before `other`: by value, then file, line and column.
    func precedes(_ other: Place) -> Bool {
      if value != other.value { return value < other.value }
      if file != other.file { return file < other.file }
      return (line, column) < (other.line, other.column)
    }
  }

  /// The `warnings` objects of every partition (at `path` in `files`) joined.
  static func mergeWarnings(_ nodes: [JSONNode], path: String, files: [String]) throws
    -> JSONWriter.Value
  {
    var counts: [CodeWarning: Int] = [:]
    var places: [CodeWarning: [Place]] = [:]
    for (k, node) in nodes.enumerated() {
      let cursor = JSONCursor(node: node, file: files[k], path: path)
      for kindName in try cursor.object().keys {
        let entry = try cursor.object().required(kindName)
        guard let kind = CodeWarning(rawValue: kindName) else {
          throw Diagnostic(at: entry.location, .unknownWarningKind(kindName))
        }
        let object = try entry.object()
        counts[kind, default: 0] += try object.required("count").int(atLeast: 0, "the count")
        for item in try object.required("places").array() {
          places[kind, default: []].append(try place(item))
        }
      }
    }
    return .object(
      counts.keys.sorted().map { kind in
        let kept = places[kind, default: []].sorted { $0.precedes($1) }.prefix(
          ReadWarnings.placesKept)
        return (
          kind.rawValue,
          .object([
            ("count", .int(counts[kind]!)),
            ("places", .array(kept.map { JSONWriter.Value($0.node) })),
          ])
        )
      })
  }

  /// A place of a warning, its `at` split into file, line and column.
  private static func place(_ item: JSONCursor) throws -> Place {
    let object = try item.object()
    let atCursor = try object.required("at")
    let at = try atCursor.string()
    let parts = at.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count >= 3, let line = Int(parts[parts.count - 2]),
      let column = Int(parts[parts.count - 1])
    else {
      throw Diagnostic(at: atCursor.location, .warningPlaceUnreadable(at))
    }
    return Place(
      value: try object.required("value").string(),
      file: parts.dropLast(2).joined(separator: ":"), line: line, column: column, node: item.node)
  }
}
