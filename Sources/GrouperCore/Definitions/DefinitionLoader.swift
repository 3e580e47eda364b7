import Foundation
import GrouperSupport

/// Reads episode definition files into ``EpisodeDefinition`` values, refusing anything it does
/// not understand with an error naming the file, the line and column, and the JSON path.
package enum DefinitionLoader {
  /// Loads every `*.json` file directly in a folder (sorted by name), or the single file at `path`.
  ///
  /// Throws ``Diagnostics`` holding the first error of every file that does not load, and an
  /// error for two versions of one id whose effective ranges overlap or whose `version` is the
  /// same (see ``versionProblems(_:)``).
  package static func load(path: String) throws -> [EpisodeDefinition] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw Diagnostics([Diagnostic(at: SourceLocation(file: path), .noDefinitions)])
    }
    var files: [String] = [path]
    if isDirectory.boolValue {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
      files = names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted().map {
        (path as NSString).appendingPathComponent($0)
      }
      guard !files.isEmpty else {
        throw Diagnostics([
          Diagnostic(at: SourceLocation(file: path), .noDefinitionFiles)
        ])
      }
    }
    var definitions: [EpisodeDefinition] = []
    var problems: [Diagnostic] = []
    var lists = CodeListCache()
    for file in files {
      do {
        definitions.append(try loadFile(path: file, lists: &lists))
      } catch let d as Diagnostic {
        problems.append(d)
      }
    }
    problems += versionProblems(definitions)
    guard problems.isEmpty else { throw Diagnostics(problems) }
    return definitions.sorted(by: EpisodeDefinition.loadOrder)
  }

  /// Loads one definition file; throws a located ``Diagnostic``.
  package static func loadFile(path: String) throws -> EpisodeDefinition {
    var lists = CodeListCache()
    return try loadFile(path: path, lists: &lists)
  }

  static func loadFile(path: String, lists: inout CodeListCache) throws -> EpisodeDefinition {
    return try parse(inputFileBytes(path), file: path, lists: &lists)
  }

  /// Parses a definition from JSON bytes. Code-list files are found relative to the file's folder.
  package static func parse(_ bytes: [UInt8], file: String) throws -> EpisodeDefinition {
    var lists = CodeListCache()
    return try parse(bytes, file: file, lists: &lists)
  }

  static func parse(_ bytes: [UInt8], file: String, lists: inout CodeListCache) throws
    -> EpisodeDefinition
  {
    let root = JSONCursor(root: try JSONParser.parse(bytes, file: file), file: file)
    var decoder = DefinitionDecoder(file: file, lists: lists)
    defer { lists = decoder.lists }
    return try decoder.definition(root)
  }
}

/// Code-list files already read, by path and system, so a shared list is read once per load.
struct CodeListCache {
  var entries: [String: [CodePattern]] = [:]
}

/// The state of reading one definition file.
private struct DefinitionDecoder {
  let file: String
  var lists: CodeListCache
  var codeSets: [String: CodeSet] = [:]
  var inlineCount = 0

  init(file: String, lists: CodeListCache) {
    self.file = file
    self.lists = lists
  }

  /// The longest window or confirmation interval a definition may state: 100 years of days.
  static let maximumDays = 36_525

  static let keys = [
    "id", "name", "version", "description", "program", "effective", "precedence", "overlap",
    "code_sets",
    "trigger",
    "confirmation", "anchor", "transfers", "windows", "exclude", "include", "straddle",
    "repeat_trigger", "when_trigger_taken", "cancel", "accountable_provider",
  ]

  mutating func definition(_ root: JSONCursor) throws -> EpisodeDefinition {
    let o = try root.object()
    try o.rejectUnknownKeys(allowed: Self.keys)
    let idCursor = try o.required("id")
    let id = try idCursor.nonEmptyString()
    guard id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
      throw idCursor.error(.badDefinitionID(id))
    }
    let name = try o.required("name").nonEmptyString()
    let version = try o.required("version").nonEmptyString()
    let description = try o.optional("description")?.string() ?? ""
    var effective = EpisodeDefinition.alwaysEffective
    if let e = o.optional("effective") {
      let eo = try e.object()
      try eo.rejectUnknownKeys(allowed: ["from", "through"])
      if let from = try eo.optional("from")?.day() { effective.first = from }
      if let through = try eo.optional("through")?.day() { effective.last = through }
      guard effective.first <= effective.last else {
        throw e.error(.effectiveRangeReversed)
      }
    }
    let precedence = try o.optional("precedence")?.int() ?? 100
    let program = try o.optional("program")?.string() ?? ""
    var overlap = OverlapPolicy.exclusive
    var resolution = OverlapResolution.precedence
    if let c = o.optional("overlap") { (overlap, resolution) = try overlapSettings(c) }
    let whenTaken =
      try o.optional("when_trigger_taken").map { try choice($0, TriggerTakenPolicy.self) }
      ?? .cancel
    if let sets = o.optional("code_sets") { try codeSetTable(sets) }
    let trigger = try predicate(try o.required("trigger"), episodeTerms: false)
    var confirmation: Confirmation?
    if let c = o.optional("confirmation") {
      let co = try c.object()
      try co.rejectUnknownKeys(allowed: ["when", "min_days_after", "max_days_after"])
      let when = try co.optional("when").map { try predicate($0, episodeTerms: false) } ?? trigger
      let minCursor = co.optional("min_days_after")
      let minDays = try minCursor?.int(atLeast: 0, "min_days_after") ?? 0
      let maxCursor = co.optional("max_days_after")
      let maxDays = try maxCursor?.int(atLeast: 0, "max_days_after")
      for (cursor, days) in [(minCursor, minDays), (maxCursor, maxDays ?? 0)]
      where days > Self.maximumDays {
        throw cursor!.error(.tooManyDays(days, maximum: Self.maximumDays))
      }
      if let maxDays, maxDays < minDays {
        throw maxCursor!.error(.confirmationDaysReversed(min: minDays, max: maxDays))
      }
      confirmation = Confirmation(predicate: when, minDaysAfter: minDays, maxDaysAfter: maxDays)
    }
    let anchor = try anchorRule(try o.required("anchor"))
    let transfers = try o.optional("transfers").flatMap { try transferRule($0) }
    let (pre, preTest, post) = try windows(try o.required("windows"))
    let exclude = try (o.optional("exclude")?.array() ?? []).enumerated().map {
      try exclusionRule($1, index: $0)
    }
    let includeCursor = try o.required("include")
    let include = try includeCursor.array().enumerated().map { try inclusionRule($1, index: $0) }
    guard !include.isEmpty else {
      throw includeCursor.error(.noInclusionRules)
    }
    var straddle = StraddleSettings(defaultPolicy: .prorate, byClaimType: [:])
    if let s = o.optional("straddle") { straddle = try straddleSettings(s) }
    let repeatTrigger =
      try o.optional("repeat_trigger").map { try choice($0, RepeatTriggerPolicy.self) } ?? .absorb
    let cancel = try (o.optional("cancel")?.array() ?? []).map { try cancellationRule($0) }
    var accountable = CodeField.billingProvider
    if let a = o.optional("accountable_provider") {
      let name = try a.string()
      guard let field = CodeField(rawValue: name), field.system == .provider else {
        throw a.error(.unknownProviderField(name))
      }
      accountable = field
    }
    return EpisodeDefinition(
      id: id, name: name, version: version, description: description, effective: effective,
      precedence: precedence, program: program,
      overlap: overlap, resolution: resolution, whenTriggerTaken: whenTaken, trigger: trigger,
      confirmation: confirmation, anchor: anchor, transfers: transfers,
      preAnchorDays: pre, preAnchorTest: preTest, postAnchor: post,
      exclude: exclude, include: include, straddle: straddle, repeatTrigger: repeatTrigger,
      cancel: cancel,
      accountableProvider: accountable, file: file)
  }

  /// One of a fixed list of words.
  func choice<T: RawRepresentable & CaseIterable>(_ c: JSONCursor, _: T.Type) throws -> T
  where T.RawValue == String {
    let word = try c.string()
    guard let value = T(rawValue: word) else {
      throw c.error(.unknownChoice(word, expected: T.allCases.map(\.rawValue)))
    }
    return value
  }

  func claimType(_ name: String, at c: JSONCursor) throws -> ClaimType {
    guard let t = ClaimType(name: name), t.name == name else {
      throw c.error(.unknownClaimType(name))
    }
    return t
  }

  mutating func codeSetTable(_ c: JSONCursor) throws {
    let o = try c.object()
    for member in o.members {
      let entry = o.optional(member.key)!
      guard member.key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }),
        !member.key.isEmpty
      else {
        throw Diagnostic(
          at: o.keyLocation(member.key), .badCodeSetName)
      }
      let eo = try entry.object()
      try eo.rejectUnknownKeys(allowed: ["system", "codes", "file", "description"])
      let systemCursor = try eo.required("system")
      let systemName = try systemCursor.string()
      guard let system = CodeSystem(rawValue: systemName) else {
        throw systemCursor.error(.unknownCodeSystem(systemName))
      }
      var patterns: [CodePattern] = []
      if let codes = eo.optional("codes") { patterns += try codeList(codes, system: system) }
      if let fileCursor = eo.optional("file") {
        let relative = try fileCursor.nonEmptyString()
        let base = (file as NSString).deletingLastPathComponent
        let full =
          relative.hasPrefix("/") ? relative : (base as NSString).appendingPathComponent(relative)
        let key = system.rawValue + ":" + full
        if let cached = lists.entries[key] {
          patterns += cached
        } else {
          do {
            let read = try CodeListFile.read(path: full, system: system, shownAs: full)
            lists.entries[key] = read
            patterns += read
          } catch let d as Diagnostic {
            if d.location.line == nil {
              throw fileCursor.error(.codeListFileProblem(d.message, path: full))
            }
            throw d
          }
        }
      }
      guard !patterns.isEmpty else { throw entry.error(.codeSetWithoutCodes) }
      codeSets[member.key] = CodeSet(
        name: member.key, system: system, patterns: patterns,
        description: try eo.optional("description")?.string())
    }
  }

  func codeList(_ c: JSONCursor, system: CodeSystem) throws -> [CodePattern] {
    let items = try c.array()
    guard !items.isEmpty else { throw c.error(.emptyCodeList) }
    return try items.map { item in
      switch CodePattern.parse(try item.string(), system: system) {
      case .success(let p): return p
      case .failure(let e): throw item.error(.definitionCode(e))
      }
    }
  }

  static let predicateKeys = [
    "all", "any", "not", "claim_type", "field", "period", "trigger_claim", "always",
    "provider_type", "primary_payer_paid", "on_or_after",
  ]

  mutating func predicate(_ c: JSONCursor, episodeTerms: Bool) throws -> Predicate {
    let o = try c.object()
    guard let key = o.keys.first(where: { Self.predicateKeys.contains($0) }) else {
      if let first = o.keys.first {
        try o.rejectUnknownKeys(allowed: Self.predicateKeys + ["in"])
        throw Diagnostic(at: o.keyLocation(first), .inWithoutField)
      }
      throw c.error(.emptyTest(expected: Self.predicateKeys))
    }
    try o.rejectUnknownKeys(allowed: key == "field" ? ["field", "in"] : [key])
    let value = o.optional(key)!
    func needsEpisode() throws {
      guard episodeTerms else {
        throw Diagnostic(
          at: o.keyLocation(key), .episodeTermTooEarly(key))
      }
    }
    switch key {
    case "all", "any":
      let parts = try value.array().map { try predicate($0, episodeTerms: episodeTerms) }
      guard !parts.isEmpty else { throw value.error(.noTests(key)) }
      return key == "all" ? .all(parts) : .any(parts)
    case "not":
      return .not(try predicate(value, episodeTerms: episodeTerms))
    case "claim_type":
      let names = try value.stringOrStrings()
      guard !names.isEmpty else { throw value.error(.emptyClaimTypeList) }
      return .claimType(Set(try names.map { try claimType($0.0, at: $0.1) }))
    case "field":
      let name = try value.string()
      guard let field = CodeField(rawValue: name) else {
        throw value.error(
          .unknownCodeField(name, nearest: nearest(name, in: CodeField.allCases.map(\.rawValue))))
      }
      let setCursor = try o.required("in")
      return .field(field, try codeSet(setCursor, for: field))
    case "period":
      let names = try value.stringOrStrings()
      try needsEpisode()
      guard !names.isEmpty else { throw value.error(.emptyPeriodList) }
      return .period(
        Set(
          try names.map { name, at in
            guard let p = EpisodePeriod(rawValue: name) else {
              throw at.error(.unknownPeriod(name))
            }
            return p
          }))
    case "trigger_claim":
      let flag = try value.bool()
      try needsEpisode()
      return .triggerClaim(flag)
    case "provider_type":
      let names = try value.stringOrStrings()
      guard !names.isEmpty else { throw value.error(.emptyList("provider types")) }
      return .providerType(
        Set(
          try names.map { name, at in
            guard let t = ProviderType(rawValue: name) else {
              throw at.error(.unknownProviderType(name))
            }
            return t
          }))
    case "primary_payer_paid":
      return .primaryPayerPaid(try value.bool())
    case "on_or_after":
      return .onOrAfter(try value.day())
    default:  // "always"
      guard try value.bool() else {
        throw value.error(.alwaysNeedsTrue)
      }
      return .always
    }
  }

  /// The code set named by, or written inline at, an `in`.
  mutating func codeSet(_ c: JSONCursor, for field: CodeField) throws -> CodeSet {
    if case .string(let name) = c.node.value {
      guard let set = codeSets[name] else {
        throw c.error(
          .unknownCodeSet(name, nearest: nearest(name, in: Array(codeSets.keys).sorted())))
      }
      guard set.system == field.system else {
        throw c.error(.codeSetSystemMismatch(name, set.system, field: field))
      }
      return set
    }
    inlineCount += 1
    return CodeSet(
      name: "\(c.path)", system: field.system, patterns: try codeList(c, system: field.system))
  }

  func anchorRule(_ c: JSONCursor) throws -> AnchorRule {
    if case .string = c.node.value {
      return AnchorRule(defaultKind: try choice(c, AnchorRule.Kind.self), byClaimType: [:])
    }
    let o = try c.object()
    var rule = AnchorRule(defaultKind: .service, byClaimType: [:])
    for m in o.members {
      let value = o.optional(m.key)!
      if m.key == "default" {
        rule.defaultKind = try choice(value, AnchorRule.Kind.self)
      } else {
        guard let t = ClaimType(name: m.key), t.name == m.key else {
          throw Diagnostic(
            at: o.keyLocation(m.key),
            .unknownClaimTypeOrDefault(m.key))
        }
        rule.byClaimType[t] = try choice(value, AnchorRule.Kind.self)
      }
    }
    return rule
  }

  mutating func windows(_ c: JSONCursor) throws -> (Int, Predicate?, PostAnchorPeriod) {
    let o = try c.object()
    try o.rejectUnknownKeys(allowed: ["pre_anchor_days", "pre_anchor", "post_anchor"])
    var pre = 0
    var preTest: Predicate?
    if o.optional("pre_anchor_days") != nil && o.optional("pre_anchor") != nil {
      throw Diagnostic(at: o.keyLocation("pre_anchor"), .preAnchorTwice)
    }
    var daysCursor = o.optional("pre_anchor_days")
    if let p = o.optional("pre_anchor") {
      let po = try p.object()
      try po.rejectUnknownKeys(allowed: ["days", "when"])
      daysCursor = try po.required("days")
      preTest = try po.optional("when").map { try predicate($0, episodeTerms: true) }
    }
    if let p = daysCursor {
      pre = try p.int()
      guard pre >= 0 else {
        throw p.error(.negativeWindow("pre_anchor_days", pre))
      }
      guard pre <= Self.maximumDays else {
        throw p.error(.windowTooLong("pre_anchor_days", pre, maximum: Self.maximumDays))
      }
    }
    var post = PostAnchorPeriod(days: 0, dayOne: .anchorEnd)
    if let p = o.optional("post_anchor") {
      let po = try p.object()
      try po.rejectUnknownKeys(allowed: ["days", "day_one", "ends_at_death"])
      let daysCursor = try po.required("days")
      post.days = try daysCursor.int()
      guard post.days >= 0 else {
        throw daysCursor.error(.negativeWindow("post_anchor.days", post.days))
      }
      guard post.days <= Self.maximumDays else {
        throw daysCursor.error(
          .windowTooLong("post_anchor.days", post.days, maximum: Self.maximumDays))
      }
      post.dayOne = try choice(try po.required("day_one"), PostAnchorPeriod.DayOne.self)
      post.endsAtDeath = try po.optional("ends_at_death")?.bool() ?? false
    }
    return (pre, preTest, post)
  }

  /// `transfers`: `{"merge": true, "legs": test}`; nil when merging is off.
  mutating func transferRule(_ c: JSONCursor) throws -> TransferRule? {
    let o = try c.object()
    try o.rejectUnknownKeys(allowed: ["merge", "legs"])
    guard try o.required("merge").bool() else { return nil }
    let legs =
      try o.optional("legs").map { try predicate($0, episodeTerms: false) }
      ?? .claimType([.inpatient])
    return TransferRule(legs: legs)
  }

  /// `overlap`: a word (`exclusive`, `shared`), or an object with `lines`, `resolve` and
  /// `later_episode_wins`.
  func overlapSettings(_ c: JSONCursor) throws -> (OverlapPolicy, OverlapResolution) {
    if case .string = c.node.value { return (try choice(c, OverlapPolicy.self), .precedence) }
    let o = try c.object()
    try o.rejectUnknownKeys(allowed: ["lines", "resolve", "later_episode_wins"])
    let lines = try o.optional("lines").map { try choice($0, OverlapPolicy.self) } ?? .exclusive
    let resolveCursor = o.optional("resolve")
    let resolve = try resolveCursor?.string() ?? "precedence"
    let winsCursor = o.optional("later_episode_wins")
    let wins = try winsCursor?.stringOrStrings().map(\.0) ?? []
    switch resolve {
    case "precedence":
      if let winsCursor {
        throw winsCursor.error(.laterWinsNeedsChronological)
      }
      return (lines, .precedence)
    case "chronological":
      return (lines, .chronological(laterWins: Set(wins)))
    default:
      throw resolveCursor!.error(
        .unknownChoice(resolve, expected: ["precedence", "chronological"]))
    }
  }

  mutating func exclusionRule(_ c: JSONCursor, index: Int) throws -> ExclusionRule {
    let o = try c.object()
    try o.rejectUnknownKeys(allowed: ["id", "reason", "when", "extends_to"])
    return ExclusionRule(
      id: try o.optional("id")?.nonEmptyString() ?? "exclude[\(index)]",
      reason: try o.required("reason").nonEmptyString(),
      predicate: try predicate(try o.required("when"), episodeTerms: true),
      extendsTo: try o.optional("extends_to").map { try predicate($0, episodeTerms: true) })
  }

  mutating func inclusionRule(_ c: JSONCursor, index: Int) throws -> InclusionRule {
    let o = try c.object()
    try o.rejectUnknownKeys(allowed: ["id", "category", "when", "straddle"])
    return InclusionRule(
      id: try o.optional("id")?.nonEmptyString() ?? "include[\(index)]",
      category: try o.required("category").nonEmptyString(),
      predicate: try o.optional("when").map { try predicate($0, episodeTerms: true) } ?? .always,
      straddle: try o.optional("straddle").map { try choice($0, StraddlePolicy.self) })
  }

  func straddleSettings(_ c: JSONCursor) throws -> StraddleSettings {
    let o = try c.object()
    try o.rejectUnknownKeys(allowed: ["default", "by_claim_type"])
    var s = StraddleSettings(defaultPolicy: .prorate, byClaimType: [:])
    if let d = o.optional("default") { s.defaultPolicy = try choice(d, StraddlePolicy.self) }
    if let by = o.optional("by_claim_type") {
      let bo = try by.object()
      for m in bo.members {
        guard let t = ClaimType(name: m.key), t.name == m.key else {
          throw Diagnostic(
            at: bo.keyLocation(m.key), .unknownClaimType(m.key))
        }
        s.byClaimType[t] = try choice(bo.optional(m.key)!, StraddlePolicy.self)
      }
    }
    return s
  }

  mutating func cancellationRule(_ c: JSONCursor) throws -> CancellationRule {
    let o = try c.object()
    let kinds = ["death", "coverage", "any_line", "trigger_claim", "anchor_longer_than"]
    try o.rejectUnknownKeys(allowed: ["reason", "lookback_days"] + kinds)
    let reason = try o.required("reason").nonEmptyString()
    let kind = try o.exactlyOne(of: kinds, what: "a cancellation rule")
    let value = o.optional(kind)!
    if kind != "coverage", o.optional("lookback_days") != nil {
      throw Diagnostic(at: o.keyLocation("lookback_days"), .lookbackWithoutCoverage)
    }
    switch kind {
    case "death":
      return CancellationRule(
        reason: reason, condition: .death(try choice(value, CancellationRule.DeathScope.self)))
    case "coverage":
      guard try value.string() == "continuous" else {
        throw value.error(.coverageNeedsContinuous)
      }
      var lookback = 0
      if let l = o.optional("lookback_days") {
        lookback = try l.int(atLeast: 0, "lookback_days")
        guard lookback <= Self.maximumDays else {
          throw l.error(.tooManyDays(lookback, maximum: Self.maximumDays))
        }
      }
      return CancellationRule(reason: reason, condition: .coverageGap(lookbackDays: lookback))
    case "anchor_longer_than":
      let days = try value.int(atLeast: 0, "anchor_longer_than")
      return CancellationRule(reason: reason, condition: .anchorLongerThan(days: days))
    case "any_line":
      return CancellationRule(
        reason: reason, condition: .anyLine(try predicate(value, episodeTerms: true)))
    default:
      return CancellationRule(
        reason: reason, condition: .triggerClaim(try predicate(value, episodeTerms: true)))
    }
  }
}
