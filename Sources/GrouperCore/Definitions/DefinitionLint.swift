import Foundation
import GrouperSupport

/// Warnings about definitions that load but say something other than what was meant: a rule that
/// can never match, codes that no code list knows, a range that holds a whole code system,
/// triggers of two definitions that compete at equal precedence, a window of zero length, days
/// between versions of one definition that no version covers.
/// Each warning names the file, line, column and JSON path of what it is about.
package enum DefinitionLint {
  /// The warnings for `definitions`, in file order; with `codeLists`, codes are checked too.
  package static func warnings(
    _ definitions: [EpisodeDefinition], codeLists: ReferenceCodeLists? = nil
  ) -> [Diagnostic] {
    var out: [Diagnostic] = []
    for d in definitions {
      guard let data = FileManager.default.contents(atPath: d.file),
        let root = try? JSONParser.parse(Array(data), file: d.file)
      else { continue }
      let file = LintFile(file: d.file, root: root)
      out += rules(d, file)
      out += windows(file)
      if let codeLists { out += codes(d, file, codeLists) }
    }
    out += triggers(definitions)
    out += versionGaps(definitions)
    // Definitions sharing a code-list file would report its entries once each.
    var seen: Set<Diagnostic> = []
    return out.filter { seen.insert($0).inserted }
  }

  /// Inclusion rules that an earlier inclusion rule or an exclusion rule always takes first, and
  /// exclusion rules that can never match or that an earlier exclusion rule always takes first.
  static func rules(_ d: EpisodeDefinition, _ file: LintFile) -> [Diagnostic] {
    var out: [Diagnostic] = []
    for (j, rule) in d.exclude.enumerated() {
      let at = file.at([.key("exclude"), .index(j)])
      if !satisfiable(rule.predicate) {
        out.append(Diagnostic(.warning, at: at, .lintExcludeNeverMatches(rule.id)))
      } else if let i = d.exclude[..<j].firstIndex(where: { implies(rule.predicate, $0.predicate) })
      {
        out.append(Diagnostic(.warning, at: at, .lintExcludeShadowed(rule.id, by: d.exclude[i].id)))
      }
    }
    for (j, rule) in d.include.enumerated() {
      let at = file.at([.key("include"), .index(j)])
      if let i = d.include[..<j].firstIndex(where: { implies(rule.predicate, $0.predicate) }) {
        out.append(Diagnostic(.warning, at: at, .lintIncludeShadowed(rule.id, by: d.include[i].id)))
      } else if let x = d.exclude.first(where: {
        $0.extendsTo == nil && implies(rule.predicate, $0.predicate)
      }) {
        out.append(Diagnostic(.warning, at: at, .lintIncludeExcluded(rule.id, by: x.id)))
      } else if !satisfiable(rule.predicate) {
        out.append(Diagnostic(.warning, at: at, .lintIncludeNeverMatches(rule.id)))
      }
    }
    return out
  }

  /// A post-anchor or pre-anchor period written with zero days.
  static func windows(_ file: LintFile) -> [Diagnostic] {
    var out: [Diagnostic] = []
    for path: [LintFile.Step] in [
      [.key("windows"), .key("post_anchor"), .key("days")],
      [.key("windows"), .key("pre_anchor"), .key("days")],
      [.key("windows"), .key("pre_anchor_days")],
    ] {
      if let node = file.node(path), case .number("0") = node.value {
        out.append(Diagnostic(.warning, at: file.at(path), .lintZeroWindow))
      }
    }
    return out
  }

  /// Codes of the definition's code sets (inline and in code-list files) and of inline `in`
  /// lists that the reference lists do not hold; range ends that are no code or category; and
  /// ranges that hold every code of their system.
  static func codes(_ d: EpisodeDefinition, _ file: LintFile, _ lists: ReferenceCodeLists)
    -> [Diagnostic]
  {
    var out: [Diagnostic] = []
    func check(_ text: String, _ system: CodeSystem, at location: SourceLocation) {
      guard case .success(let p) = CodePattern.parse(text, system: system) else { return }
      switch p {
      case .exact(let c):
        if lists.checks(system, c) && !lists.contains(c, system) {
          out.append(Diagnostic(.warning, at: location, .lintUnknownCode(text, system)))
        }
      case .prefix(let s):
        if lists.checks(system, s) && !lists.hasCode(startingWith: s, system) {
          out.append(Diagnostic(.warning, at: location, .lintUnknownCode(text, system)))
        }
      case .range(let lo, let hi):
        for end in [lo, hi]
        where lists.checks(system, end) && !lists.hasCode(startingWith: end, system) {
          out.append(
            Diagnostic(.warning, at: location, .lintUnknownRangeEnd(end, of: text, system)))
        }
        if lists.swallows(lo, hi, system) {
          out.append(Diagnostic(.warning, at: location, .lintRangeSwallowsSystem(text, system)))
        }
      }
    }
    if case .object(let sets) = file.node([.key("code_sets")])?.value {
      for set in sets {
        guard case .object(let fields) = set.value.value,
          case .string(let systemName)? = fields.first(where: { $0.key == "system" })?.value.value,
          let system = CodeSystem(rawValue: systemName)
        else { continue }
        if case .array(let items)? = fields.first(where: { $0.key == "codes" })?.value.value {
          for (i, item) in items.enumerated() {
            guard case .string(let text) = item.value else { continue }
            check(
              text, system,
              at: file.at([.key("code_sets"), .key(set.key), .key("codes"), .index(i)]))
          }
        }
        if case .string(let name)? = fields.first(where: { $0.key == "file" })?.value.value {
          let path = (d.file as NSString).deletingLastPathComponent + "/" + name
          guard let data = FileManager.default.contents(atPath: path) else { continue }
          let lines = String(decoding: data, as: UTF8.self).split(
            separator: "\n", omittingEmptySubsequences: false)
          for (n, line) in lines.enumerated() {
            let body = line.prefix { $0 != "#" }.drop { $0 == " " || $0 == "\t" }
            let entry = body.prefix { $0 != "," && $0 != "\t" && $0 != " " && $0 != "\r" }
            guard !entry.isEmpty else { continue }
            let column = line.distance(from: line.startIndex, to: entry.startIndex) + 1
            check(
              String(entry), system,
              at: SourceLocation(
                file: path, line: n + 1, column: column, field: "$.code_sets.\(set.key)"))
          }
        }
      }
    }
    file.forEachInlineList { field, items, path in
      for (i, item) in items.enumerated() {
        guard case .string(let text) = item.value else { continue }
        check(text, field.system, at: file.at(path + [.index(i)]))
      }
    }
    return out
  }

  /// Triggers of two definitions of one program, both exclusive and at equal precedence, that
  /// some claim line can pass both of: the precedence does not say which definition takes it.
  static func triggers(_ definitions: [EpisodeDefinition]) -> [Diagnostic] {
    var out: [Diagnostic] = []
    for (j, b) in definitions.enumerated() {
      for a in definitions[..<j]
      where a.id != b.id && a.program == b.program && a.precedence == b.precedence
        && a.overlap == .exclusive
        && b.overlap == .exclusive && mayOverlap(a.trigger, b.trigger)
      {
        var at = SourceLocation(file: b.file, field: "$.trigger")
        if let data = FileManager.default.contents(atPath: b.file),
          let root = try? JSONParser.parse(Array(data), file: b.file)
        {
          at = LintFile(file: b.file, root: root).at([.key("trigger")])
        }
        out.append(
          Diagnostic(.warning, at: at, .lintTriggersOverlap(b.id, a.id, precedence: b.precedence)))
      }
    }
    return out
  }
}

extension DefinitionLint {
  /// Days no version covers between two consecutive versions of one definition id (the loader
  /// refuses overlapping ones): a trigger anchored on such a day starts no episode of the id. The
  /// warning stands at the later version's `effective.from`.
  static func versionGaps(_ definitions: [EpisodeDefinition]) -> [Diagnostic] {
    var out: [Diagnostic] = []
    let byID = Dictionary(grouping: definitions, by: \.id)
    for id in byID.keys.sorted() {
      let versions = byID[id]!.sorted(by: EpisodeDefinition.loadOrder)
      for (a, b) in zip(versions, versions.dropFirst())
      where a.effective.last < b.effective.first.adding(days: -1) {
        let gap = DayRange(a.effective.last.adding(days: 1), b.effective.first.adding(days: -1))
        out.append(
          Diagnostic(
            .warning, at: DefinitionLoader.location(b.file, [.key("effective"), .key("from")]),
            .lintVersionGap(id, gap, earlier: a.version, a.file, later: b.version)))
      }
    }
    return out
  }
}

// MARK: - Reasoning on tests

extension DefinitionLint {
  /// Whether every line passing `p` passes `q` (sound, not complete: false when unsure).
  static func implies(_ p: Predicate, _ q: Predicate) -> Bool {
    switch (p, q) {
    case (_, .always): return true
    case (_, .all(let qs)): return qs.allSatisfy { implies(p, $0) }
    case (.any(let ps), _): return ps.allSatisfy { implies($0, q) }
    case (.all(let ps), _) where ps.contains(where: { implies($0, q) }): return true
    case (_, .any(let qs)): return qs.contains { implies(p, $0) }
    case (.claimType(let a), .claimType(let b)): return a.isSubset(of: b)
    case (.triggerClaim(let a), .triggerClaim(let b)): return a == b
    case (.period(let a), .period(let b)): return a.isSubset(of: b)
    case (.providerType(let a), .providerType(let b)): return a.isSubset(of: b)
    case (.primaryPayerPaid(let a), .primaryPayerPaid(let b)): return a == b
    case (.onOrAfter(let a), .onOrAfter(let b)): return a >= b
    case (.field(let f, let a), .field(let g, let b)):
      return f == g && a.patterns.allSatisfy { x in b.patterns.contains { covers($0, x) } }
    default: return false
    }
  }

  /// Whether some line could pass `p` (false only for a plain contradiction: disjoint claim
  /// types, trigger claim both true and false, an empty list).
  static func satisfiable(_ p: Predicate) -> Bool {
    switch p {
    case .claimType(let s): return !s.isEmpty
    case .period(let s): return !s.isEmpty
    case .providerType(let s): return !s.isEmpty
    case .field(_, let set): return !set.patterns.isEmpty
    case .any(let ps): return ps.contains(where: satisfiable)
    case .all(let ps):
      guard ps.allSatisfy(satisfiable) else { return false }
      var types: Set<ClaimType>?
      var trigger: Bool?
      for q in ps {
        if case .claimType(let s) = q { types = types.map { $0.intersection(s) } ?? s }
        if case .triggerClaim(let t) = q {
          if let trigger, trigger != t { return false }
          trigger = t
        }
      }
      return types.map { !$0.isEmpty } ?? true
    default: return true
    }
  }

  /// Whether pattern `a` holds every code pattern `b` holds.
  static func covers(_ a: CodePattern, _ b: CodePattern) -> Bool {
    switch (a, b) {
    case (.exact(let x), .exact(let y)): return x == y
    case (.prefix(let p), .exact(let c)), (.prefix(let p), .prefix(let c)): return c.hasPrefix(p)
    case (.prefix(let p), .range(let lo, let hi)): return lo.hasPrefix(p) && hi.hasPrefix(p)
    case (.range(let lo, let hi), .exact(let c)), (.range(let lo, let hi), .prefix(let c)):
      return c.count >= lo.count && String(c.prefix(lo.count)) >= lo
        && String(c.prefix(hi.count)) <= hi
    case (.range(let lo, let hi), .range(let l2, let h2)):
      return l2.count == lo.count && l2 >= lo && h2 <= hi
    default: return false
    }
  }

  /// Whether patterns `a` and `b` share a code.
  static func intersects(_ a: CodePattern, _ b: CodePattern) -> Bool {
    func bounds(_ p: CodePattern) -> (String, String) {
      switch p {
      case .exact(let c): return (c, c)
      case .prefix(let s): return (s, s + "\u{10FFFF}")
      case .range(let lo, let hi): return (lo, hi + "\u{10FFFF}")
      }
    }
    let (l1, h1) = bounds(a)
    let (l2, h2) = bounds(b)
    return l1 <= h2 && l2 <= h1
  }

  /// One way a trigger can be met: the claim types allowed (nil: any) and the codes required
  /// per field.
  struct Alternative {
    var types: Set<ClaimType>?
    var fields: [CodeField: [CodePattern]] = [:]
  }

  /// The ways `p` can be met, at most 256 of them; tests other than claim type and codes are
  /// left out, so two alternatives that share a line may in fact not.
  static func alternatives(_ p: Predicate) -> [Alternative] {
    switch p {
    case .claimType(let s): return [Alternative(types: s)]
    case .field(let f, let set): return [Alternative(types: nil, fields: [f: set.patterns])]
    case .any(let ps): return Array(ps.flatMap(alternatives).prefix(256))
    case .all(let ps):
      var result = [Alternative(types: nil)]
      for q in ps {
        let qs = alternatives(q)
        result = Array(
          result.flatMap { r in
            qs.map { a in
              var m = r
              if let t = a.types { m.types = m.types.map { $0.intersection(t) } ?? t }
              for (f, ps) in a.fields { m.fields[f] = ps }
              return m
            }
          }.prefix(256))
      }
      return result
    default: return [Alternative(types: nil)]
    }
  }

  /// Whether some claim line may pass both triggers.
  static func mayOverlap(_ a: Predicate, _ b: Predicate) -> Bool {
    for x in alternatives(a) {
      for y in alternatives(b) {
        if let s = x.types, let t = y.types, s.isDisjoint(with: t) { continue }
        var shared = true
        for (f, ps) in x.fields {
          guard let qs = y.fields[f] else { continue }
          if !ps.contains(where: { p in qs.contains { intersects(p, $0) } }) {
            shared = false
            break
          }
        }
        if shared && !(x.fields.isEmpty && y.fields.isEmpty && x.types == nil) { return true }
      }
    }
    return false
  }
}

/// A definition file parsed again with positions, to place warnings by JSON path.
struct LintFile {
  /// One step of a JSON path.
  enum Step: Equatable {
    /// An object member.
    case key(String)
    /// An array element.
    case index(Int)
  }

  /// The file.
  var file: String
  /// Its root value.
  var root: JSONNode

  /// The node at `path`, when there is one.
  func node(_ path: [Step]) -> JSONNode? {
    var n = root
    for step in path {
      switch (step, n.value) {
      case (.key(let k), .object(let members)):
        guard let m = members.first(where: { $0.key == k }) else { return nil }
        n = m.value
      case (.index(let i), .array(let items)) where i < items.count:
        n = items[i]
      default: return nil
      }
    }
    return n
  }

  /// Where `path` stands: the line and column of its value, and the path as `$.a.b[2]`.
  func at(_ path: [Step]) -> SourceLocation {
    let text =
      "$"
      + path.map {
        switch $0 {
        case .key(let k): return ".\(k)"
        case .index(let i): return "[\(i)]"
        }
      }.joined()
    let n = node(path)
    return SourceLocation(file: file, line: n?.line, column: n?.column, field: text)
  }

  /// Calls `body` with each inline code list of a test (`{"field": F, "in": [...]}`) in the file.
  func forEachInlineList(_ body: (CodeField, [JSONNode], [Step]) -> Void) {
    func walk(_ n: JSONNode, _ path: [Step]) {
      switch n.value {
      case .object(let members):
        if case .string(let name)? = members.first(where: { $0.key == "field" })?.value.value,
          let field = CodeField(rawValue: name),
          case .array(let items)? = members.first(where: { $0.key == "in" })?.value.value
        {
          body(field, items, path + [.key("in")])
        }
        for m in members where m.key != "code_sets" { walk(m.value, path + [.key(m.key)]) }
      case .array(let items):
        for (i, item) in items.enumerated() { walk(item, path + [.index(i)]) }
      default: break
      }
    }
    walk(root, [])
  }
}
