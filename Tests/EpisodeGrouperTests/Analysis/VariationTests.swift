import Testing

@testable import GrouperAnalysis
@testable import GrouperCore
@testable import GrouperSupport

/// Reading `--vary` and applying variants to definitions.
@Suite("Sweep variants")
struct VariationTests {
  static let at = SourceLocation(file: "grouper sweep")

  static func definitions() throws -> [EpisodeDefinition] {
    try DefinitionLoader.load(path: packagePath("EpisodeDefinitions"))
  }

  /// The one-line error `--vary text` gives.
  static func error(_ text: String) throws -> String {
    let defs = try definitions()
    do {
      _ = try Variant.grid([text], definitions: defs, at: at)
      return "no error"
    } catch let d as Diagnostic {
      #expect(d.kind == .usage)
      return d.description
    }
  }

  @Test(
    "a bad --vary is a located error naming the text and the nearest field",
    arguments: [
      (
        "LEJR.windows.post_anchr.days=30",
        "grouper sweep: error: --vary 'LEJR.windows.post_anchr.days=30': no field 'post_anchr' (did you mean 'post_anchor'?)"
      ),
      (
        "LEJX.windows.post_anchor.days=30",
        "grouper sweep: error: --vary 'LEJX.windows.post_anchor.days=30': no definition 'LEJX' (did you mean 'LEJR'?)"
      ),
      (
        "LEJR.window.post_anchor.days=30",
        "grouper sweep: error: --vary 'LEJR.window.post_anchor.days=30': no field 'window' (did you mean 'windows'?)"
      ),
      (
        "LEJR.windows=30",
        "grouper sweep: error: --vary 'LEJR.windows=30': the path stops before a field (expected one of post_anchor, pre_anchor_days)"
      ),
      (
        "LEJR.windows.post_anchor.days",
        "grouper sweep: error: --vary 'LEJR.windows.post_anchor.days': expected DEFINITION.FIELD=VALUE,VALUE,…"
      ),
      (
        "LEJR.windows.post_anchor.days=30,,60",
        "grouper sweep: error: --vary 'LEJR.windows.post_anchor.days=30,,60': expected DEFINITION.FIELD=VALUE,VALUE,…"
      ),
      (
        "LEJR.windows.post_anchor.days=30,sixty",
        "grouper sweep: error: --vary 'LEJR.windows.post_anchor.days=30,sixty': 'sixty' is not a whole number of days from 0 to 36525"
      ),
      (
        "LEJR.windows.post_anchor.days=30,30",
        "grouper sweep: error: --vary 'LEJR.windows.post_anchor.days=30,30': a value is given twice"
      ),
      (
        "LEJR.straddle.default=half",
        "grouper sweep: error: --vary 'LEJR.straddle.default=half': 'half' is not one of prorate, whole, exclude, prorate_gmlos, prorate_visits"
      ),
      (
        "LEJR.exclude.excluded_readmision=off",
        "grouper sweep: error: --vary 'LEJR.exclude.excluded_readmision=off': no exclude rule 'excluded_readmision' (did you mean 'excluded_readmission'?)"
      ),
      (
        "LEJR.exclude.excluded_readmission=no",
        "grouper sweep: error: --vary 'LEJR.exclude.excluded_readmission=no': 'no' is not one of on, off"
      ),
      (
        "LEJR.precedence=high",
        "grouper sweep: error: --vary 'LEJR.precedence=high': 'high' is not a whole number"
      ),
      (
        "LEJR.confirmation.min_days_after=30",
        "grouper sweep: error: --vary 'LEJR.confirmation.min_days_after=30': definition 'LEJR' has no confirmation"
      ),
      (
        "LEJR.repeat_trigger.x=absorb",
        "grouper sweep: error: --vary 'LEJR.repeat_trigger.x=absorb': no field 'x'"
      ),
    ])
  func errors(_ text: String, _ expected: String) throws {
    #expect(try Self.error(text) == expected)
  }

  @Test("a cancel rule is named by its index or its reason; another is an error listing them")
  func cancelRules() throws {
    let t = try simpleDefinition([
      "cancel":
        #"[{"reason": "the member died", "death": "episode"}, {"reason": "no cover", "coverage": "continuous"}]"#
    ])
    let byReason = try Variant.grid(["T.cancel.no cover=off"], definitions: [t], at: Self.at)
    #expect(byReason[0].apply(to: [t])[0].cancel.map(\.reason) == ["the member died"])
    let byIndex = try Variant.grid(["T.cancel.0=off"], definitions: [t], at: Self.at)
    #expect(byIndex[0].apply(to: [t])[0].cancel.map(\.reason) == ["no cover"])
    #expect(
      throws: Diagnostic(
        at: Self.at,
        .varyUnknownRule(
          "T.cancel.7=off", "cancel", "7", nearest: nil,
          known: ["0", "1", "the member died", "no cover"]))
    ) {
      try Variant.grid(["T.cancel.7=off"], definitions: [t], at: Self.at)
    }
    #expect(
      Diagnostic(
        at: Self.at,
        .varyUnknownRule(
          "T.cancel.7=off", "cancel", "7", nearest: nil,
          known: ["0", "1", "the member died", "no cover"])
      ).description
        == "grouper sweep: error: --vary 'T.cancel.7=off': no cancel rule '7' (the definition has 0, 1, the member died, no cover)"
    )
  }

  @Test("a rule only a later version of a definition has can be varied; it applies to each version")
  func versions() throws {
    // Version 1 has no cancel rule, version 2 one; both are id T.
    let v1 = try simpleDefinition(["version": #""1""#])
    let v2 = try simpleDefinition([
      "version": #""2""#, "cancel": #"[{"reason": "no cover", "coverage": "continuous"}]"#,
    ])
    let variants = try Variant.grid(
      ["T.cancel.no cover=on,off"], definitions: [v1, v2], at: Self.at)
    #expect(variants.count == 2)
    let off = variants[1].apply(to: [v1, v2])
    #expect(off.map(\.cancel.count) == [0, 0])
    #expect(variants[0].apply(to: [v1, v2]).map(\.cancel.count) == [0, 1])
    // A rule neither version has is the first version's error.
    #expect(
      throws: Diagnostic(
        at: Self.at,
        .varyUnknownRule("T.cancel.0=off", "cancel", "0", nearest: nil, known: []))
    ) {
      try Variant.grid(["T.cancel.0=off"], definitions: [v1, v1], at: Self.at)
    }
  }

  @Test("two --vary on one field, and a variant turning off every inclusion rule, are errors")
  func gridErrors() throws {
    let defs = try Self.definitions()
    #expect(throws: Diagnostic.self) {
      try Variant.grid(
        ["LEJR.precedence=1,2", "LEJR.precedence=3"], definitions: defs, at: Self.at)
    }
    var one = try simpleDefinition()
    one.include.removeLast()
    #expect(
      throws: Diagnostic(at: Self.at, .varyLastInclusionRule("T.include.anchor=on,off", "anchor"))
    ) {
      try Variant.grid(["T.include.anchor=on,off"], definitions: [one], at: Self.at)
    }
    let two = try simpleDefinition()
    #expect(
      throws: Diagnostic(
        at: Self.at,
        .varyNoInclusionRuleLeft("T.include.anchor=off; T.include.all=off", "T"))
    ) {
      try Variant.grid(
        ["T.include.anchor=off", "T.include.all=off"], definitions: [two], at: Self.at)
    }
  }

  @Test("the grid is every combination, the first axis slowest, named by its settings")
  func grid() throws {
    let defs = try Self.definitions()
    let variants = try Variant.grid(
      ["LEJR.windows.post_anchor.days=30,60,90", "LEJR.exclude.excluded_readmission=on,off"],
      definitions: defs, at: Self.at)
    #expect(variants.count == 6)
    #expect(
      variants.map(\.name).prefix(3) == [
        "LEJR.windows.post_anchor.days=30; LEJR.exclude.excluded_readmission=on",
        "LEJR.windows.post_anchor.days=30; LEJR.exclude.excluded_readmission=off",
        "LEJR.windows.post_anchor.days=60; LEJR.exclude.excluded_readmission=on",
      ])
    let varied = variants[1].apply(to: defs)
    let lejr = try #require(varied.first { $0.id == "LEJR" })
    #expect(lejr.postAnchor.days == 30)
    let shipped = defs.first { $0.id == "LEJR" }!.exclude.map(\.id)
    #expect(shipped.contains("excluded_readmission"))
    #expect(lejr.exclude.map(\.id) == shipped.filter { $0 != "excluded_readmission" })
    // Other definitions are untouched.
    #expect(
      varied.first { $0.id == "AMI" }!.postAnchor.days
        == defs.first { $0.id == "AMI" }!.postAnchor.days)
  }

  @Test("each kind of field applies to the definition")
  func fields() throws {
    let defs = try Self.definitions()
    let variants = try Variant.grid(
      [
        "LEJR.windows.pre_anchor_days=3", "LEJR.straddle.default=whole",
        "LEJR.straddle.snf=exclude",
        "LEJR.repeat_trigger=absorb", "LEJR.precedence=-2", "LEJR.overlap=shared",
        "LEJR.windows.post_anchor.ends_at_death=off", "LEJR.when_trigger_taken=keep",
        "LEJR.anchor.default=stay", "LEJR.windows.post_anchor.day_one=day_after_anchor_end",
        "LEJR.include.hospice=off", "LEJR.cancel.the anchor stay lasts 60 days or more=off",
        "LEJR.cancel.0=off",
      ], definitions: defs, at: Self.at)
    #expect(variants.count == 1)
    let d = try #require(variants[0].apply(to: defs).first { $0.id == "LEJR" })
    #expect(d.preAnchorDays == 3)
    #expect(d.straddle.defaultPolicy == .whole)
    #expect(d.straddle.byClaimType[.snf] == .exclude)
    #expect(d.repeatTrigger == .absorb)
    #expect(!d.postAnchor.endsAtDeath)
    #expect(d.whenTriggerTaken == .keep)
    #expect(d.precedence == -2)
    #expect(d.overlap == .shared)
    #expect(d.anchor.defaultKind == .stay)
    #expect(d.postAnchor.dayOne == .dayAfterAnchorEnd)
    #expect(!d.include.map(\.id).contains("hospice"))
    let shipped = defs.first { $0.id == "LEJR" }!.cancel.map(\.reason)
    #expect(d.cancel.map(\.reason) == Array(shipped.dropFirst().dropLast()))
    #expect(shipped.last == "the anchor stay lasts 60 days or more")
  }
}
