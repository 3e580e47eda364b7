import Foundation
import GrouperSupport

/// Reads a target method file into a ``TargetMethod``, with located errors as the price file is
/// read: unknown fields are refused, and every error names the file, line, column and JSON path.
package enum TargetMethodLoader {
  /// The format version this program reads.
  package static let version = 1

  /// Loads the method file at `path`; throws a located ``Diagnostic``.
  package static func load(path: String) throws -> TargetMethod {
    return try parse(inputFileBytes(path), file: path)
  }

  /// Parses a method file from JSON bytes.
  package static func parse(_ bytes: [UInt8], file: String) throws -> TargetMethod {
    let root = JSONCursor(root: try JSONParser.parse(bytes, file: file), file: file)
    let o = try root.object()
    try o.rejectUnknownKeys(allowed: [
      "version", "description", "program", "baseline", "effective", "definitions",
    ])
    let versionCursor = try o.required("version")
    guard try versionCursor.int() == version else {
      throw versionCursor.error(.unsupportedMethodVersion(try versionCursor.int()))
    }
    let programCursor = try o.required("program")
    let po = try programCursor.object()
    if po.optional("definitions") != nil {
      throw Diagnostic(at: po.keyLocation("definitions"), .methodProgramWithDefinitions)
    }
    let program = try PriceScheduleLoader.programHeader(po, file: file)
    let baseline = try self.baseline(try o.required("baseline"), targetDate: program.targetDate)
    var from: Day?
    var through: Day?
    if let e = o.optional("effective") {
      let eo = try e.object()
      try eo.rejectUnknownKeys(allowed: ["from", "through"])
      from = try eo.optional("from")?.day()
      through = try eo.optional("through")?.day()
      if let from, let through, through < from, let t = eo.optional("through") {
        throw t.error(.rangeReversed("the effective range", "\(from)", "\(through)"))
      }
    }
    let definitionsCursor = try o.required("definitions")
    let d = try definitionsCursor.object()
    guard !d.members.isEmpty else { throw definitionsCursor.error(.atLeastOne("definition")) }
    var definitions: [DefinitionMethod] = []
    for m in d.members {
      definitions.append(
        try definition(d.optional(m.key)!, id: m.key, program: program, file: file))
    }
    return TargetMethod(
      file: file, description: try o.optional("description")?.string() ?? "", program: program,
      programJSON: programCursor.node, baseline: baseline, effectiveFrom: from,
      effectiveThrough: through, definitions: definitions)
  }

  static func baseline(_ c: JSONCursor, targetDate: TargetDate) throws -> BaselineSpec {
    let o = try c.object()
    try o.rejectUnknownKeys(allowed: ["years", "weighting", "year_type", "date"])
    let yearsCursor = try o.required("years")
    let items = try yearsCursor.array()
    guard !items.isEmpty else { throw yearsCursor.error(.atLeastOne("baseline year")) }
    var years: [BaselineSpec.Year] = []
    for item in items {
      let y = try item.object()
      try y.rejectUnknownKeys(allowed: ["year", "weight", "trend"])
      let yearCursor = try y.required("year")
      let year = try yearCursor.int(atLeast: 1, "year")
      if let last = years.last, year <= last.year {
        throw yearCursor.error(.yearsMustRise(year, previous: last.year))
      }
      years.append(
        BaselineSpec.Year(
          year: year, weight: try y.optional("weight").map { try positive($0, "a weight") } ?? .one,
          trend: try y.optional("trend").map { try positive($0, "a trend factor") } ?? .one))
    }
    return BaselineSpec(
      years: years,
      weighting: try word(o.optional("weighting"), "weighting", default: .yearMeans),
      yearType: try word(o.optional("year_type"), "year type", default: .calendar),
      date: try word(o.optional("date"), "date", default: targetDate))
  }

  static func definition(_ c: JSONCursor, id: String, program: PricingProgram, file: String)
    throws -> DefinitionMethod
  {
    let o = try c.object()
    try o.rejectUnknownKeys(allowed: [
      "cell", "outliers", "standardize", "blend", "trend", "normalization", "discount",
      "code_discounts", "thresholds", "price_file",
    ])
    var m = DefinitionMethod(
      definition: id, level: .region, codeMap: [:], byCode: true, minimumEpisodes: 0,
      fallback: true, outliers: nil, standardize: false, risk: RiskModel(), providerWeight: nil,
      blendMinimumEpisodes: 0, trend: .one, normalization: .one, discount: nil, codeDiscounts: [:],
      thresholds: nil, location: c.location, priceFileJSON: nil)
    if let cell = o.optional("cell") {
      let co = try cell.object()
      try co.rejectUnknownKeys(allowed: [
        "level", "by_code", "code_map", "minimum_episodes", "fallback",
      ])
      m.level = try word(co.optional("level"), "cell level", default: .region)
      m.byCode = try co.optional("by_code")?.bool() ?? true
      if let map = co.optional("code_map") {
        let mo = try map.object()
        for member in mo.members {
          m.codeMap[member.key] = try mo.optional(member.key)!.nonEmptyString()
        }
      }
      m.minimumEpisodes =
        try co.optional("minimum_episodes")?.int(atLeast: 0, "minimum_episodes") ?? 0
      if let f = co.optional("fallback") {
        let w = try f.string()
        guard w == "national" || w == "none" else {
          throw f.error(.unknownWord("fallback", w, expected: ["national", "none"]))
        }
        m.fallback = w == "national"
      }
    }
    if let x = o.optional("outliers") {
      var rule = try PriceScheduleLoader.outlierRule(x, file: file)
      if try x.object().optional("population") == nil {
        rule.population =
          (m.byCode ? [.triggerCode] : []) + (m.level == .region ? [.region] : []) + [.year]
      }
      m.outliers = rule
    }
    m.standardize = try o.optional("standardize")?.bool() ?? false
    let priceFile = o.optional("price_file")
    if let priceFile {
      let po = try priceFile.object()
      try po.rejectUnknownKeys(allowed: ["risk_adjustment", "outliers"])
      if let r = po.optional("risk_adjustment") {
        m.risk = try PriceScheduleLoader.riskModel(r, file: file)
      }
      if let x = po.optional("outliers") { _ = try PriceScheduleLoader.outlierRule(x, file: file) }
      m.priceFileJSON = priceFile.node
    }
    if m.standardize, priceFile.flatMap({ try? $0.object().optional("risk_adjustment") }) == nil {
      throw Diagnostic(at: o.keyLocation("standardize"), .standardizeWithoutRiskModel)
    }
    if let b = o.optional("blend") {
      let bo = try b.object()
      try bo.rejectUnknownKeys(allowed: ["provider_weight", "minimum_episodes", "count"])
      let wc = try bo.required("provider_weight")
      let w = try ratio(wc)
      guard w >= .zero, w <= .one else { throw wc.error(.weightOutOfRange(w.text)) }
      guard m.level == .region else { throw b.error(.blendNeedsRegions) }
      m.providerWeight = w
      m.blendMinimumEpisodes =
        try bo.optional("minimum_episodes")?.int(atLeast: 0, "minimum_episodes") ?? 0
      if let countCursor = bo.optional("count") {
        let w = try countCursor.string()
        guard w == "cell" || w == "definition" else {
          throw countCursor.error(.unknownWord("count", w, expected: ["cell", "definition"]))
        }
        m.blendCountsDefinition = w == "definition"
      }
    }
    if let t = o.optional("trend") { m.trend = try positive(t, "a trend factor") }
    if let n = o.optional("normalization") {
      m.normalization = try positive(n, "a normalization factor")
    }
    if let dc = o.optional("discount") {
      guard program.design.usesTargets else { throw dc.error(.thresholdsWithDiscount) }
      let d = try PriceScheduleLoader.fraction(dc, file: file)
      guard d < .one else { throw dc.error(.discountNotBelowOne(d)) }
      m.discount = d
    }
    if let cd = o.optional("code_discounts") {
      guard program.design.usesTargets else { throw cd.error(.thresholdsWithDiscount) }
      let co = try cd.object()
      for member in co.members {
        let dc = co.optional(member.key)!
        let d = try PriceScheduleLoader.fraction(dc, file: file)
        guard d < .one else { throw dc.error(.discountNotBelowOne(d)) }
        m.codeDiscounts[member.key] = d
      }
    }
    if case .discountByScore = program.quality, m.discount != nil || !m.codeDiscounts.isEmpty {
      throw Diagnostic(
        at: o.keyLocation(m.discount != nil ? "discount" : "code_discounts"), .discountSetByQuality)
    }
    let thresholdsCursor = o.optional("thresholds")
    if program.design.usesTargets {
      if let thresholdsCursor { throw thresholdsCursor.error(.thresholdsOutsideThresholdsProgram) }
    } else {
      guard let thresholdsCursor else { throw c.error(.thresholdsMethodNeedsPercentiles) }
      if let b = o.optional("blend") { throw b.error(.blendInThresholds) }
      let to = try thresholdsCursor.object()
      try to.rejectUnknownKeys(allowed: [
        "commendable_percentile", "acceptable_percentile", "gain_sharing_limit_percentile",
        "minimum_provider_episodes",
      ])
      let commendable = try PriceScheduleLoader.percentile(
        try to.required("commendable_percentile"), file: file)
      let acceptableCursor = try to.required("acceptable_percentile")
      let acceptable = try PriceScheduleLoader.percentile(acceptableCursor, file: file)
      guard commendable < acceptable else {
        throw acceptableCursor.error(.percentilesNotRising(commendable, acceptable))
      }
      var limit: ExactDecimal?
      if let l = to.optional("gain_sharing_limit_percentile") {
        limit = try PriceScheduleLoader.percentile(l, file: file)
        guard limit! < commendable else {
          throw l.error(.percentilesNotRising(limit!, commendable))
        }
      }
      m.thresholds = ThresholdPercentiles(
        commendable: commendable, acceptable: acceptable, gainSharingLimit: limit,
        minimumProviderEpisodes: try to.optional("minimum_provider_episodes")?.int(
          atLeast: 1, "minimum_provider_episodes") ?? 1)
    }
    return m
  }

  /// A weight or factor: a decimal or a fraction `n/d`, as a string or a number.
  static func ratio(_ c: JSONCursor) throws -> Ratio {
    let text = try c.node.value.isString ? c.string() : c.decimalText()
    guard let r = Ratio.parse(text) else { throw c.error(.notARatio(text)) }
    return r
  }

  /// A weight or factor more than zero.
  static func positive(_ c: JSONCursor, _ what: String) throws -> Ratio {
    let r = try ratio(c)
    guard r > .zero else { throw c.error(.notPositive(what, r.text)) }
    return r
  }

  /// One of an enumeration's words, or `default` when absent.
  static func word<W: RawRepresentable & CaseIterable>(
    _ c: JSONCursor?, _ what: String, default value: W
  ) throws -> W where W.RawValue == String {
    guard let c else { return value }
    let text = try c.string()
    guard let w = W(rawValue: text) else {
      throw c.error(.unknownWord(what, text, expected: W.allCases.map(\.rawValue)))
    }
    return w
  }
}

extension JSONValue {
  /// Whether the value is a string.
  var isString: Bool {
    if case .string = self { return true }
    return false
  }
}
