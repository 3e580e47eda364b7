import Foundation
import GrouperCore
import GrouperSupport

/// Reads a price file into a ``PriceSchedule``, refusing anything it does not understand with an
/// error naming the file, the line and column, and the JSON path, as definitions are read.
package enum PriceScheduleLoader {
  /// The format version this program reads.
  package static let version = 1

  /// Loads the price file at `path`; throws a located ``Diagnostic``.
  package static func load(path: String) throws -> PriceSchedule {
    return try parse(inputFileBytes(path), file: path)
  }

  /// Parses a price file from JSON bytes; code-list files are found relative to the file's folder.
  package static func parse(_ bytes: [UInt8], file: String) throws -> PriceSchedule {
    let root = JSONCursor(root: try JSONParser.parse(bytes, file: file), file: file)
    var decoder = PriceDecoder(file: file)
    return try decoder.schedule(root)
  }
}

extension PriceScheduleLoader {
  /// A program's header read from an object of `file` (everything but its definitions, which
  /// the object must not hold): for a target method, whose program the price file repeats.
  package static func programHeader(_ o: JSONObject, file: String) throws -> PricingProgram {
    try o.rejectUnknownKeys(allowed: PriceDecoder.programKeys)
    return try PriceDecoder(file: file).header(o)
  }

  /// A risk model read from a `risk_adjustment` value of `file`.
  package static func riskModel(_ c: JSONCursor, file: String) throws -> RiskModel {
    try PriceDecoder(file: file).riskModel(c)
  }

  /// An outlier rule read from an `outliers` value of `file`.
  package static func outlierRule(_ c: JSONCursor, file: String) throws -> OutlierRule {
    try PriceDecoder(file: file).outlierRule(c)
  }

  /// A rate from 0 to 1 with at most 6 decimals.
  package static func fraction(_ c: JSONCursor, file: String) throws -> ExactDecimal {
    try PriceDecoder(file: file).fraction(c)
  }

  /// A decimal number, exact.
  package static func decimal(_ c: JSONCursor, file: String) throws -> ExactDecimal {
    try PriceDecoder(file: file).decimal(c)
  }

  /// A percentile strictly between 0 and 100.
  package static func percentile(_ c: JSONCursor, file: String) throws -> ExactDecimal {
    try PriceDecoder(file: file).percentile(c)
  }
}

/// The state of reading one price file.
private struct PriceDecoder {
  let file: String
  var regions: Set<String> = []

  init(file: String) {
    self.file = file
  }

  mutating func schedule(_ root: JSONCursor) throws -> PriceSchedule {
    let o = try root.object()
    try o.rejectUnknownKeys(allowed: ["version", "description", "provider_regions", "programs"])
    let versionCursor = try o.required("version")
    let version = try versionCursor.int()
    guard version == PriceScheduleLoader.version else {
      throw versionCursor.error(.unsupportedPriceVersion(version))
    }
    let description = try o.optional("description")?.string() ?? ""
    var providerRegions: [String: String] = [:]
    if let r = o.optional("provider_regions") {
      let ro = try r.object()
      for m in ro.members {
        guard !m.key.allSatisfy(\.isWhitespace) else {
          throw Diagnostic(at: ro.keyLocation(m.key), .emptyProviderID)
        }
        providerRegions[m.key] = try ro.optional(m.key)!.nonEmptyString()
      }
    }
    regions = Set(providerRegions.values)
    let programsCursor = try o.required("programs")
    let items = try programsCursor.array()
    guard !items.isEmpty else { throw programsCursor.error(.atLeastOne("program")) }
    var programs: [PricingProgram] = []
    var ids: [String: JSONCursor] = [:]
    var priced: [String: String] = [:]  // "payer|definition" → program id
    for item in items {
      let program = try self.program(item)
      if ids[program.id] != nil {
        throw try item.object().required("id").error(.usedTwice("program id", program.id))
      }
      ids[program.id] = item
      let definitions = try item.object().required("definitions").object()
      for key in definitions.keys {
        let pair = program.payer + "|" + key
        if let other = priced[pair] {
          throw Diagnostic(
            at: definitions.keyLocation(key),
            .alreadyPriced(payer: program.payer, definition: key, program: other))
        }
        priced[pair] = program.id
      }
      programs.append(program)
    }
    return PriceSchedule(
      file: file, version: version, description: description, providerRegions: providerRegions,
      programs: programs)
  }

  static let programKeys = [
    "id", "payer", "design", "description", "terms", "quality", "definitions", "target_date",
  ]

  func program(_ c: JSONCursor) throws -> PricingProgram {
    let o = try c.object()
    try o.rejectUnknownKeys(allowed: Self.programKeys)
    var program = try header(o)
    let definitionsCursor = try o.required("definitions")
    let d = try definitionsCursor.object()
    guard !d.members.isEmpty else {
      throw definitionsCursor.error(.atLeastOne("definition"))
    }
    for m in d.members {
      program.definitions[m.key] = try definitionPrices(
        d.optional(m.key)!, id: m.key, design: program.design, quality: program.quality)
    }
    return program
  }

  /// Everything of a program but its definitions.
  func header(_ o: JSONObject) throws -> PricingProgram {
    let idCursor = try o.required("id")
    let id = try idCursor.nonEmptyString()
    guard id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
      throw idCursor.error(.badName("a program id", id))
    }
    let payer = try o.required("payer").nonEmptyString()
    let designCursor = try o.required("design")
    let designName = try designCursor.string()
    let design: PaymentDesign
    let terms = o.optional("terms")
    switch designName {
    case "retrospective":
      design = .retrospective(try retrospectiveTerms(terms))
    case "thresholds":
      guard let terms else {
        throw o.cursor.error(.thresholdsWithoutTerms)
      }
      design = .thresholds(try thresholdTerms(terms))
    case "prospective":
      if terms != nil {
        throw Diagnostic(
          at: o.keyLocation("terms"), .prospectiveWithTerms)
      }
      design = .prospective
    default:
      throw designCursor.error(
        .unknownWord(
          "design", designName, expected: ["retrospective", "thresholds", "prospective"]))
    }
    var quality: QualityRule?
    if let q = o.optional("quality") {
      guard case .retrospective = design else {
        throw Diagnostic(
          at: o.keyLocation("quality"),
          design.usesTargets ? .prospectiveWithQuality : .thresholdsWithQuality)
      }
      quality = try qualityRule(q)
    }
    var targetDate = TargetDate.anchorStart
    if let t = o.optional("target_date") {
      let word = try t.string()
      guard let parsed = TargetDate(rawValue: word) else {
        throw t.error(
          .unknownWord("target date", word, expected: TargetDate.allCases.map(\.rawValue)))
      }
      targetDate = parsed
    }
    return PricingProgram(
      id: id, payer: payer, design: design,
      description: try o.optional("description")?.string() ?? "",
      quality: quality, definitions: [:], targetDate: targetDate,
      location: o.cursor.location)
  }

  func retrospectiveTerms(_ c: JSONCursor?) throws -> RetrospectiveTerms {
    var terms = RetrospectiveTerms()
    guard let c else { return terms }
    let o = try c.object()
    try o.rejectUnknownKeys(allowed: [
      "savings_sharing_rate", "loss_sharing_rate", "stop_gain", "stop_loss", "minimum_episodes",
      "order",
    ])
    if let r = o.optional("savings_sharing_rate") { terms.savingsSharingRate = try fraction(r) }
    if let r = o.optional("loss_sharing_rate") { terms.lossSharingRate = try fraction(r) }
    terms.stopGain = try o.optional("stop_gain").map(fraction)
    terms.stopLoss = try o.optional("stop_loss").map(fraction)
    terms.minimumEpisodes =
      try o.optional("minimum_episodes")?.int(atLeast: 0, "minimum_episodes") ?? 0
    if let orderCursor = o.optional("order") {
      var order: [ReconciliationStep] = []
      let names = ReconciliationStep.allCases.map(\.rawValue)
      for item in try orderCursor.array() {
        let word = try item.string()
        guard let step = ReconciliationStep(rawValue: word) else {
          throw item.error(.unknownWord("reconciliation step", word, expected: names))
        }
        guard !order.contains(step) else { throw item.error(.stepTwice(word)) }
        order.append(step)
      }
      guard order.count == ReconciliationStep.allCases.count else {
        throw orderCursor.error(.orderIncomplete(names))
      }
      terms.order = order
    }
    return terms
  }

  func thresholdTerms(_ c: JSONCursor) throws -> ThresholdTerms {
    let o = try c.object()
    try o.rejectUnknownKeys(allowed: [
      "gain_share_rate", "risk_share_rate", "minimum_valid_episodes", "risk_share_limit",
    ])
    return ThresholdTerms(
      gainShareRate: try fraction(try o.required("gain_share_rate")),
      riskShareRate: try fraction(try o.required("risk_share_rate")),
      minimumValidEpisodes: try o.optional("minimum_valid_episodes")?.int(
        atLeast: 0, "minimum_valid_episodes") ?? 0,
      riskShareLimit: try o.optional("risk_share_limit").map(fraction))
  }

  func qualityRule(_ c: JSONCursor) throws -> QualityRule {
    let o = try c.object()
    let methodCursor = try o.required("method")
    let method = try methodCursor.string()
    let missing = try o.optional("missing_score").map(score) ?? .zero
    switch method {
    case "scale_reconciliation":
      try o.rejectUnknownKeys(allowed: [
        "method", "positive_max_reduction", "negative_max_reduction", "missing_score",
      ])
      return .scaleReconciliation(
        positiveMaxReduction: try o.optional("positive_max_reduction").map(fraction) ?? .zero,
        negativeMaxReduction: try o.optional("negative_max_reduction").map(fraction) ?? .zero,
        missingScore: missing)
    case "discount_by_score":
      try o.rejectUnknownKeys(allowed: ["method", "bands", "missing_score"])
      let bandsCursor = try o.required("bands")
      let items = try bandsCursor.array()
      guard !items.isEmpty else { throw bandsCursor.error(.atLeastOne("band")) }
      var bands: [QualityBand] = []
      for item in items {
        let b = try item.object()
        try b.rejectUnknownKeys(allowed: ["minimum_score", "discount", "reconciliation_payment"])
        let minimumCursor = try b.required("minimum_score")
        let band = QualityBand(
          minimumScore: try score(minimumCursor),
          discount: try fraction(try b.required("discount")),
          reconciliationPayment: try b.optional("reconciliation_payment")?.bool() ?? true)
        if let previous = bands.last, band.minimumScore <= previous.minimumScore {
          throw minimumCursor.error(
            .bandsMustRise(band.minimumScore, previous: previous.minimumScore))
        }
        if bands.isEmpty, band.minimumScore != .zero {
          throw minimumCursor.error(.firstBandAboveZero(band.minimumScore))
        }
        bands.append(band)
      }
      return .discountByScore(bands: bands, missingScore: missing)
    default:
      throw methodCursor.error(.unknownQualityMethod(method))
    }
  }

  static let definitionKeys = [
    "description", "discount", "targets", "thresholds", "risk_adjustment", "outliers",
  ]

  func definitionPrices(_ c: JSONCursor, id: String, design: PaymentDesign, quality: QualityRule?)
    throws
    -> DefinitionPrices
  {
    let o = try c.object()
    try o.rejectUnknownKeys(allowed: Self.definitionKeys)
    var prices = DefinitionPrices(definition: id, location: c.location)
    if let d = o.optional("discount") {
      guard design.usesTargets else {
        throw Diagnostic(
          at: o.keyLocation("discount"), .thresholdsWithDiscount)
      }
      if case .discountByScore = quality {
        throw Diagnostic(
          at: o.keyLocation("discount"), .discountSetByQuality)
      }
      prices.discount = try fraction(d)
      guard prices.discount < .one else {
        throw d.error(.discountNotBelowOne(prices.discount))
      }
    }
    if design.usesTargets {
      if o.optional("thresholds") != nil {
        throw Diagnostic(
          at: o.keyLocation("thresholds"), .thresholdsOutsideThresholdsProgram)
      }
      prices.targets = try targets(try o.required("targets"), quality: quality)
    } else {
      if o.optional("targets") != nil {
        throw Diagnostic(
          at: o.keyLocation("targets"), .thresholdsWithTargets)
      }
      prices.thresholdPeriods = try thresholdPeriods(try o.required("thresholds"))
    }
    if let r = o.optional("risk_adjustment") { prices.risk = try riskModel(r) }
    if let x = o.optional("outliers") {
      prices.outliers = try outlierRule(x)
      if case .prospective = design, case .percentile(let lower, _) = prices.outliers!.method,
        lower != nil,
        prices.outliers!.action == .cap
      {
        throw Diagnostic(
          at: try x.object().keyLocation("lower_percentile"), .prospectiveWithLowerLimit)
      }
    }
    return prices
  }

  func targets(_ c: JSONCursor, quality: QualityRule?) throws -> TargetTable {
    let items = try c.array()
    guard !items.isEmpty else { throw c.error(.atLeastOne("target")) }
    var list: [TargetPrice] = []
    var labels: Set<String> = []
    for item in items {
      let o = try item.object()
      try o.rejectUnknownKeys(allowed: [
        "id", "provider", "region", "trigger_code", "from", "through", "amount", "discount",
      ])
      var label = String(item.path.dropFirst(2))  // without "$."
      if let idCursor = o.optional("id") {
        label = try idCursor.nonEmptyString()
        guard labels.insert(label).inserted else {
          throw idCursor.error(.usedTwice("target id", label))
        }
      }
      if o.optional("provider") != nil && o.optional("region") != nil {
        throw Diagnostic(
          at: o.keyLocation("region"), .providerAndRegion)
      }
      let provider = try o.optional("provider")?.nonEmptyString()
      var region: String?
      if let r = o.optional("region") {
        let name = try r.nonEmptyString()
        guard regions.contains(name) else {
          throw r.error(.unknownRegion(name, nearest: nearest(name, in: regions.sorted())))
        }
        region = name
      }
      var codes: [String]?
      if let t = o.optional("trigger_code") {
        let list = try t.stringOrStrings()
        guard !list.isEmpty else { throw t.error(.emptyList("trigger codes")) }
        for (code, at) in list where code.isEmpty || code.contains(where: \.isWhitespace) {
          throw at.error(.badTriggerCode(code))
        }
        codes = list.map(\.0)
      }
      var effective = DayRange(Day(ordinal: Int32.min / 2), .distantFuture)
      if let from = o.optional("from") { effective.first = try from.day() }
      if let through = o.optional("through") {
        effective.last = try through.day()
        guard effective.first <= effective.last else {
          throw through.error(
            .rangeReversed("the target's range", "\(effective.first)", "\(effective.last)"))
        }
      }
      let amountCursor = try o.required("amount")
      let amount = try money(amountCursor)
      guard amount > .zero else {
        throw amountCursor.error(.notPositive("a target", "\(amount)"))
      }
      var discount: ExactDecimal?
      if let d = o.optional("discount") {
        if case .discountByScore = quality {
          throw Diagnostic(at: o.keyLocation("discount"), .discountSetByQuality)
        }
        discount = try fraction(d)
        guard discount! < .one else { throw d.error(.discountNotBelowOne(discount!)) }
      }
      list.append(
        TargetPrice(
          label: label, provider: provider, region: region, triggerCodes: codes,
          effective: effective, amount: amount, discount: discount,
          location: item.location))
    }
    let table = TargetTable(list)
    if let (earlier, later, code) = table.firstOverlap() {
      throw Diagnostic(
        at: later.location,
        .targetsOverlap(
          Self.rangeText(later.effective), earlier: earlier.label,
          Self.rangeText(earlier.effective), key: later.keyDescription(code: code)))
    }
    return table
  }

  static func rangeText(_ r: DayRange) -> String {
    let from = r.first.ordinal <= Int32.min / 2 ? "any date" : r.first.description
    let through = r.last >= .distantFuture ? "on" : r.last.description
    return "\(from)..\(through)"
  }

  /// The thresholds of a definition: one object in force on every date, or an array of objects
  /// each with its `from`–`through` dates, not overlapping.
  func thresholdPeriods(_ c: JSONCursor) throws -> [EpisodeThresholds] {
    guard case .array = c.node.value else { return [try thresholds(c, dated: false)] }
    let items = try c.array()
    guard !items.isEmpty else { throw c.error(.atLeastOne("thresholds period")) }
    var periods: [EpisodeThresholds] = []
    for item in items {
      let t = try thresholds(item, dated: true)
      if let other = periods.firstIndex(where: {
        $0.effective.first <= t.effective.last && t.effective.first <= $0.effective.last
      }) {
        throw item.error(
          .thresholdsOverlap(
            Self.rangeText(t.effective), index: other, Self.rangeText(periods[other].effective)))
      }
      periods.append(t)
    }
    return periods
  }

  func thresholds(_ c: JSONCursor, dated: Bool) throws -> EpisodeThresholds {
    let o = try c.object()
    try o.rejectUnknownKeys(
      allowed: ["commendable", "acceptable", "gain_sharing_limit"]
        + (dated ? ["from", "through"] : []))
    let commendableCursor = try o.required("commendable")
    let commendable = try money(commendableCursor)
    guard commendable > .zero else {
      throw commendableCursor.error(.notPositive("the commendable threshold", "\(commendable)"))
    }
    let acceptableCursor = try o.required("acceptable")
    let acceptable = try money(acceptableCursor)
    guard acceptable > .zero else {
      throw acceptableCursor.error(.notPositive("the acceptable threshold", "\(acceptable)"))
    }
    guard commendable <= acceptable else {
      throw acceptableCursor.error(
        .thresholdsReversed(acceptable: acceptable, commendable: commendable))
    }
    guard commendable < acceptable else {
      throw acceptableCursor.error(.thresholdsEqual(acceptable))
    }
    var limit: Cents?
    if let l = o.optional("gain_sharing_limit") {
      let value = try money(l)
      guard value >= .zero else {
        throw l.error(.negativeGainSharingLimit(value))
      }
      guard value < commendable else {
        throw l.error(.gainLimitNotBelowCommendable(value, commendable: commendable))
      }
      limit = value
    }
    var effective = DayRange(Day(ordinal: Int32.min / 2), .distantFuture)
    if let from = o.optional("from") { effective.first = try from.day() }
    if let through = o.optional("through") {
      effective.last = try through.day()
      guard effective.first <= effective.last else {
        throw through.error(
          .rangeReversed("the thresholds' range", "\(effective.first)", "\(effective.last)"))
      }
    }
    return EpisodeThresholds(
      commendable: commendable, acceptable: acceptable, gainSharingLimit: limit,
      effective: effective)
  }

  func riskModel(_ c: JSONCursor) throws -> RiskModel {
    let o = try c.object()
    try o.rejectUnknownKeys(allowed: [
      "age_bands", "age_unknown_factor", "sex", "trigger_codes", "diagnosis_lookback_days",
      "diagnosis_flags",
    ])
    var model = RiskModel()
    if let a = o.optional("age_bands") {
      let items = try a.array()
      guard !items.isEmpty else { throw a.error(.emptyList("age bands")) }
      for item in items {
        let b = try item.object()
        try b.rejectUnknownKeys(allowed: ["from", "through", "factor"])
        let from = try b.required("from").int(atLeast: 0, "from")
        var through: Int?
        if let t = b.optional("through") {
          through = try t.int()
          guard through! >= from else {
            throw t.error(.rangeReversed("the band", "\(from)", "\(through!)"))
          }
        }
        let band = AgeBand(
          from: from, through: through, factor: try factor(try b.required("factor")))
        if let other = model.ageBands.first(where: {
          $0.contains(band.from) || band.contains($0.from)
        }) {
          throw item.error(.ageBandsOverlap(band.label, other.label))
        }
        model.ageBands.append(band)
      }
    }
    if let u = o.optional("age_unknown_factor") {
      guard model.usesAge else {
        throw Diagnostic(
          at: o.keyLocation("age_unknown_factor"), .needs("age_unknown_factor", "age_bands"))
      }
      model.ageUnknownFactor = try factor(u)
    }
    if let s = o.optional("sex") {
      let so = try s.object()
      guard !so.members.isEmpty else { throw s.error(.noSexFactors) }
      for m in so.members {
        guard ["F", "M", "U"].contains(m.key) else {
          throw Diagnostic(
            at: so.keyLocation(m.key), .unknownSexFactor(m.key))
        }
        model.sexFactors[m.key] = try factor(so.optional(m.key)!)
      }
    }
    if let t = o.optional("trigger_codes") {
      let to = try t.object()
      for m in to.members { model.triggerFactors[m.key] = try factor(to.optional(m.key)!) }
    }
    if let f = o.optional("diagnosis_flags") {
      let lookbackCursor = o.optional("diagnosis_lookback_days")
      guard let lookbackCursor else {
        throw o.cursor.error(.flagsWithoutLookback)
      }
      model.lookbackDays = try lookbackCursor.int(atLeast: 1, "diagnosis_lookback_days")
      let items = try f.array()
      guard !items.isEmpty else { throw f.error(.emptyList("diagnosis flags")) }
      for item in items {
        let flag = try diagnosisFlag(item)
        if model.flags.contains(where: { $0.name == flag.name }) {
          throw try item.object().required("flag").error(.flagDefinedTwice(flag.name))
        }
        model.flags.append(flag)
      }
    } else if o.optional("diagnosis_lookback_days") != nil {
      throw Diagnostic(
        at: o.keyLocation("diagnosis_lookback_days"),
        .needs("diagnosis_lookback_days", "diagnosis_flags"))
    }
    guard model.maximumProductScale <= ExactDecimal.maximumScale else {
      throw c.error(.factorsTooPrecise(model.maximumProductScale))
    }
    return model
  }

  func diagnosisFlag(_ c: JSONCursor) throws -> DiagnosisFlag {
    let o = try c.object()
    try o.rejectUnknownKeys(allowed: ["flag", "codes", "file", "factor"])
    let nameCursor = try o.required("flag")
    let name = try nameCursor.nonEmptyString()
    guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
      throw nameCursor.error(.badName("a flag name", name))
    }
    var patterns: [CodePattern] = []
    if let codes = o.optional("codes") {
      let items = try codes.array()
      guard !items.isEmpty else { throw codes.error(.emptyList("codes")) }
      for item in items {
        switch CodePattern.parse(try item.string(), system: .icd10CM) {
        case .success(let p): patterns.append(p)
        case .failure(let e): throw item.error(.definitionCode(e))
        }
      }
    }
    if let fileCursor = o.optional("file") {
      let relative = try fileCursor.nonEmptyString()
      let base = (file as NSString).deletingLastPathComponent
      let full =
        relative.hasPrefix("/") ? relative : (base as NSString).appendingPathComponent(relative)
      do {
        patterns += try CodeListFile.read(path: full, system: .icd10CM, shownAs: full)
      } catch let d as Diagnostic {
        if d.location.line == nil {
          throw fileCursor.error(.flagCodeListProblem(d.message, path: full))
        }
        throw d
      }
    }
    guard !patterns.isEmpty else { throw c.error(.flagWithoutCodes) }
    return DiagnosisFlag(
      name: name, codes: CodeSet(name: name, system: .icd10CM, patterns: patterns),
      factor: try factor(try o.required("factor")))
  }

  func outlierRule(_ c: JSONCursor) throws -> OutlierRule {
    let o = try c.object()
    let methodCursor = try o.required("method")
    let method = try methodCursor.string()
    var population: [OutlierRule.PopulationPart] = [.definition]
    if let p = o.optional("population") {
      let names = OutlierRule.PopulationPart.allCases.map(\.rawValue)
      population = []
      for (word, at) in try p.stringOrStrings() {
        guard let part = OutlierRule.PopulationPart(rawValue: word) else {
          throw at.error(.unknownWord("population part", word, expected: names))
        }
        guard !population.contains(part) else { throw at.error(.populationPartTwice(word)) }
        population.append(part)
      }
      guard !population.isEmpty else { throw p.error(.emptyList("population parts")) }
    }
    var action = OutlierRule.Action.cap
    if let a = o.optional("action") {
      let word = try a.string()
      guard let parsed = OutlierRule.Action(rawValue: word) else {
        throw a.error(.unknownOutlierAction(word))
      }
      action = parsed
    }
    switch method {
    case "percentile":
      try o.rejectUnknownKeys(allowed: [
        "method", "action", "population", "lower_percentile", "upper_percentile",
      ])
      let lower = try o.optional("lower_percentile").map(percentile)
      let upperCursor = o.optional("upper_percentile")
      let upper = try upperCursor.map(percentile)
      guard lower != nil || upper != nil else {
        throw c.error(.percentileRuleWithoutLimits)
      }
      if let lower, let upper, lower >= upper {
        throw upperCursor!.error(.percentilesReversed(lower: lower, upper: upper))
      }
      return OutlierRule(
        method: .percentile(lower: lower, upper: upper), action: action, population: population)
    case "mean_plus_sd":
      try o.rejectUnknownKeys(allowed: ["method", "action", "population", "k", "sd"])
      let kCursor = try o.required("k")
      let k = try decimal(kCursor)
      guard !k.isNegative else { throw kCursor.error(.negativeK(k)) }
      var sample = true
      if let s = o.optional("sd") {
        let word = try s.string()
        guard word == "sample" || word == "population" else {
          throw s.error(.unknownStandardDeviation(word))
        }
        sample = word == "sample"
      }
      return OutlierRule(
        method: .meanPlusSD(k: k, sample: sample), action: action, population: population)
    case "fixed":
      try o.rejectUnknownKeys(allowed: ["method", "action", "population", "amount"])
      let amountCursor = try o.required("amount")
      let amount = try money(amountCursor)
      guard amount > .zero else {
        throw amountCursor.error(.notPositive("an outlier limit", "\(amount)"))
      }
      return OutlierRule(method: .fixed(amount), action: action, population: population)
    default:
      throw methodCursor.error(
        .unknownWord("outlier method", method, expected: ["percentile", "mean_plus_sd", "fixed"]))
    }
  }

  // MARK: numbers

  func decimal(_ c: JSONCursor) throws -> ExactDecimal {
    let text = try c.decimalText()
    switch ExactDecimal.parse(text) {
    case .success(let d): return d
    case .failure(let e): throw c.error(.badNumber(e.description, text))
    }
  }

  /// A rate or share from 0 to 1.
  func fraction(_ c: JSONCursor) throws -> ExactDecimal {
    let d = try decimal(c)
    guard d >= .zero, d <= .one else {
      throw c.error(.rateOutOfRange(d))
    }
    guard d.scale <= 6 else { throw c.error(.tooManyDecimals("a rate", 6, d)) }
    return d
  }

  /// A risk factor: more than zero, and within ``RiskModel/sensibleFactors``.
  func factor(_ c: JSONCursor) throws -> ExactDecimal {
    let d = try decimal(c)
    guard d > .zero else { throw c.error(.notPositive("a risk factor", "\(d)")) }
    guard RiskModel.sensibleFactors.contains(d) else { throw c.error(.riskFactorOutOfRange(d)) }
    return d
  }

  /// A composite quality score from 0 to 100.
  func score(_ c: JSONCursor) throws -> ExactDecimal {
    let d = try decimal(c)
    guard d >= .zero, d <= .hundred else {
      throw c.error(.qualityScoreOutOfRange(d))
    }
    guard d.scale <= 4 else {
      throw c.error(.tooManyDecimals("a quality score", 4, d))
    }
    return d
  }

  /// A percentile strictly between 0 and 100.
  func percentile(_ c: JSONCursor) throws -> ExactDecimal {
    let d = try decimal(c)
    guard d > .zero, d < .hundred else {
      throw c.error(.percentileOutOfRange(d))
    }
    return d
  }

  /// An amount of money, exact to the cent.
  func money(_ c: JSONCursor) throws -> Cents {
    let text = try c.decimalText()
    switch Cents.parse(text) {
    case .success(let amount): return amount
    case .failure(let e): throw c.error(.badNumber(e.description, text))
    }
  }
}
