import GrouperSupport

/// Joins the `summary.json` of every shard of a run into the single run's: counts and dollars
/// are summed, what describes the run (inputs, definitions, dates, lines and dollars read, member
/// rows, warnings) must be the same in every shard, and the shard information is dropped.
/// Partition runs (`group --source-lines`) read their own rows alone: their lines and dollars
/// read are summed too, and their warnings joined (see ``mergeWarnings(_:path:files:)``).
enum ShardSummaryMerge {
  /// The members dropped from a merged summary.
  static let dropped: Set<String> = ["$.shard", "$.lines.outside_shard", "$.dollars.outside_shard"]
  /// The numbers every shard repeats (all read every row), taken once rather than summed.
  static let shared: [String] = ["$.lines.read", "$.dollars.read", "$.member_rows", "$.warnings"]
  /// The numbers every partition repeats: each reads the whole members file.
  static let sharedByPartitions: [String] = ["$.member_rows"]

  /// The merged summary's text; throws a located diagnostic where a shard's summary differs from
  /// the first's, or when the merged counts do not balance.
  /// `partitions` says the shards are partition runs.
  static func merge(_ summaries: [JSONCursor], partitions: Bool = false) throws -> String {
    let value = try merge(
      summaries.map(\.node), path: "$", files: summaries.map(\.file), partitions: partitions)
    return JSONWriter.render(value)
  }

  /// Merges the nodes at `path` of every shard (`files` name them).
  private static func merge(
    _ nodes: [JSONNode], path: String, files: [String], partitions: Bool
  ) throws -> JSONWriter.Value {
    if partitions && path == "$.warnings" {
      return try mergeWarnings(nodes, path: path, files: files)
    }
    let shared = partitions ? sharedByPartitions : shared
    let first = nodes[0]
    func differs(_ k: Int) -> Diagnostic {
      Diagnostic(
        at: SourceLocation(
          file: files[k], line: nodes[k].line, column: nodes[k].column, field: path),
        .shardSummaryDiffers(files[0]))
    }
    switch first.value {
    case .object(let members):
      var out: [(String, JSONWriter.Value)] = []
      var others: [[String: JSONNode]] = []
      for (k, node) in nodes.enumerated() {
        guard case .object(let m) = node.value, m.map(\.key) == members.map(\.key) else {
          throw differs(k)
        }
        others.append(Dictionary(m.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a }))
      }
      for member in members {
        let child = path + "." + member.key
        if dropped.contains(child) { continue }
        out.append(
          (
            member.key,
            try merge(
              others.map { $0[member.key]! }, path: child, files: files, partitions: partitions)
          ))
      }
      return .object(out)
    case .number(let text) where !shared.contains(where: { path == $0 || path.hasPrefix($0 + ".") }):
      var texts: [String] = []
      for (k, node) in nodes.enumerated() {
        guard case .number(let t) = node.value else { throw differs(k) }
        texts.append(t)
      }
      if !text.contains(".") {
        var sum = 0
        for (k, t) in texts.enumerated() {
          guard let n = Int(t) else { throw differs(k) }
          sum += n
        }
        return .int(sum)
      }
      var sum = Cents.zero
      for (k, t) in texts.enumerated() {
        guard case .success(let c) = Cents.parse(t) else { throw differs(k) }
        sum += c
      }
      return .money(sum)
    default:
      let rendered = JSONWriter.render(JSONWriter.Value(first))
      for k in nodes.indices.dropFirst()
      where JSONWriter.render(JSONWriter.Value(nodes[k])) != rendered {
        throw differs(k)
      }
      return JSONWriter.Value(first)
    }
  }
}
