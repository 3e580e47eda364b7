import GrouperSupport

/// Joins the `summary.json` of every partition of an out-of-core run into the summary a run in
/// memory writes: every count and amount is the sum of the partitions' (each line is read,
/// rejected, assigned, unassigned or prorated away in exactly one partition), what describes the
/// run (inputs, definitions, data through, member rows) is the same in each and taken once, and
/// `warnings` is the last partition's, which is given the warnings of the whole input.
enum PartitionSummaryMerge {
  /// The members taken from the first partition (the same in each, not summed): the members
  /// file's rows and the shard grouped.
  static let shared: Set<String> = ["$.member_rows", "$.shard"]
  /// The members taken from the last partition.
  static let last: Set<String> = ["$.warnings"]

  /// The merged summary's text; throws when the partitions' summaries differ where they
  /// cannot (never expected: they describe one run).
  static func merge(_ texts: [String]) throws -> String {
    let nodes = try texts.map { try JSONParser.parse(Array($0.utf8), file: "summary.json") }
    return JSONWriter.render(try merge(nodes, path: "$"))
  }

  /// Merges the nodes at `path`.
  private static func merge(_ nodes: [JSONNode], path: String) throws -> JSONWriter.Value {
    if shared.contains(path) { return JSONWriter.Value(nodes[0]) }
    if last.contains(path) { return JSONWriter.Value(nodes[nodes.count - 1]) }
    func differs() -> Diagnostic {
      Diagnostic(
        at: SourceLocation(file: "summary.json", field: path),
        .spillFailed("the partitions' summaries differ"))
    }
    switch nodes[0].value {
    case .object(let members):
      var out: [(String, JSONWriter.Value)] = []
      var others: [[JSONNode]] = Array(repeating: [], count: members.count)
      for node in nodes {
        guard case .object(let m) = node.value, m.map(\.key) == members.map(\.key) else {
          throw differs()
        }
        for (i, member) in m.enumerated() { others[i].append(member.value) }
      }
      for (i, member) in members.enumerated() {
        out.append((member.key, try merge(others[i], path: path + "." + member.key)))
      }
      return .object(out)
    case .number(let first):
      var texts: [String] = []
      for node in nodes {
        guard case .number(let t) = node.value else { throw differs() }
        texts.append(t)
      }
      if !first.contains(".") {
        var sum = 0
        for t in texts {
          guard let n = Int(t) else { throw differs() }
          sum += n
        }
        return .int(sum)
      }
      var sum = Cents.zero
      for t in texts {
        guard case .success(let c) = Cents.parse(t) else { throw differs() }
        sum += c
      }
      return .money(sum)
    default:
      let rendered = JSONWriter.render(JSONWriter.Value(nodes[0]))
      for node in nodes.dropFirst() where JSONWriter.render(JSONWriter.Value(node)) != rendered {
        throw differs()
      }
      return JSONWriter.Value(nodes[0])
    }
  }
}
