import GrouperSupport

/// The two files `grouper targets` writes: the price file (read by `grouper group --prices` and
/// `grouper price` unchanged) and `targets.csv`, one row per cell with its provenance.
package enum TargetOutputs {
  /// The columns of `targets.csv`.
  package static let columns = [
    "definition_id", "level", "region", "provider", "priced_code", "trigger_codes", "target_id",
    "episodes", "years", "weights", "caps", "mean_before_cap", "mean_after_cap", "baseline",
    "regional", "provider_component", "provider_weight", "blended", "trend", "normalization",
    "target", "discount", "discounted_target", "fallback", "providers", "commendable",
    "acceptable", "gain_sharing_limit", "reason",
  ]

  /// `targets.csv` of the rows, in their order.
  package static func csv(_ rows: [TargetRow]) -> [UInt8] {
    var w = CSVWriter(header: columns)
    for r in rows {
      w.field(r.definition)
      w.field(r.level)
      w.field(r.region)
      w.field(r.provider)
      w.field(r.code)
      w.field(r.triggerCodes.joined(separator: " "))
      w.field(r.target != nil || r.commendable != nil ? r.targetID : "")
      w.field(r.episodes)
      w.field(r.years)
      w.field(r.weights)
      w.field(r.caps)
      for amount in [r.meanBeforeCap, r.meanAfterCap, r.baseline, r.regional, r.providerComponent] {
        field(&w, amount)
      }
      w.field(r.providerWeight?.text ?? "")
      field(&w, r.blended)
      w.field(r.trend?.text ?? "")
      w.field(r.normalization?.text ?? "")
      field(&w, r.target)
      w.field(r.discount.map { "\($0)" } ?? "")
      field(&w, r.discountedTarget)
      w.field(r.fallback)
      w.field(r.providers.map { "\($0)" } ?? "")
      field(&w, r.commendable)
      field(&w, r.acceptable)
      field(&w, r.gainSharingLimit)
      w.field(r.reason)
      w.endRow()
    }
    return w.bytes
  }

  private static func field(_ w: inout CSVWriter, _ amount: Cents?) {
    if let amount { w.field(amount) } else { w.field("") }
  }

  /// The price file of the computed rows: the method's program with each definition's targets
  /// (or thresholds), discount and `price_file` members, and the providers' regions. Throws a
  /// diagnostic located at the method file when a definition ends with no target or with
  /// thresholds that do not rise.
  package static func priceFile(
    method: TargetMethod, regions: [String: String], rows: [TargetRow], sources: [String]
  ) throws -> String {
    typealias V = JSONWriter.Value
    var range: [(String, V)] = []
    if let from = method.effectiveFrom { range.append(("from", .string(from.description))) }
    if let through = method.effectiveThrough {
      range.append(("through", .string(through.description)))
    }
    var definitions: [(String, V)] = []
    for m in method.definitions {
      let mine = rows.filter { $0.definition == m.definition }
      var members: [(String, V)] = []
      if let d = m.discount { members.append(("discount", .string("\(d)"))) }
      if m.thresholds != nil {
        guard let t = mine.first(where: { $0.level == "thresholds" }), let c = t.commendable,
          let a = t.acceptable, c < a
        else {
          throw Diagnostic(
            at: m.location, .noThresholdsSet(m.definition))
        }
        var object: [(String, V)] = range
        object += [("commendable", .money(c)), ("acceptable", .money(a))]
        if let l = t.gainSharingLimit, l >= .zero, l < c {
          object.append(("gain_sharing_limit", .money(l)))
        }
        members.append(("thresholds", range.isEmpty ? .object(object) : .array([.object(object)])))
      } else {
        var targets: [V] = []
        for r in mine {
          guard let amount = r.target, amount > .zero else { continue }
          var t: [(String, V)] = [("id", .string(r.targetID))]
          if !r.provider.isEmpty {
            t.append(("provider", .string(r.provider)))
          } else if !r.region.isEmpty {
            t.append(("region", .string(r.region)))
          }
          if !r.triggerCodes.isEmpty {
            t.append(
              (
                "trigger_code",
                r.triggerCodes.count == 1
                  ? .string(r.triggerCodes[0]) : .array(r.triggerCodes.map { .string($0) })
              ))
          }
          t += range
          t.append(("amount", .money(amount)))
          if let d = m.codeDiscounts[r.code] { t.append(("discount", .string("\(d)"))) }
          targets.append(.object(t))
        }
        guard !targets.isEmpty else {
          throw Diagnostic(
            at: m.location, .noTargetsSet(m.definition))
        }
        members.append(("targets", .array(targets)))
      }
      if let extra = m.priceFileJSON, case .object(let items) = extra.value {
        for item in items { members.append((item.key, JSONWriter.Value(item.value))) }
      }
      definitions.append((m.definition, .object(members)))
    }
    var program: [(String, V)] = []
    if case .object(let items) = method.programJSON.value {
      for item in items { program.append((item.key, JSONWriter.Value(item.value))) }
    }
    program.append(("definitions", .object(definitions)))
    let description =
      (method.description.isEmpty ? "" : method.description + " ")
      + "Computed by grouper targets from \(sources.joined(separator: ", ")) with \(method.file)."
    let root: V = .object([
      ("version", .int(PriceScheduleLoader.version)),
      ("description", .string(description)),
      (
        "provider_regions",
        .object(regions.keys.sorted(by: Pricer.precedes).map { ($0, .string(regions[$0]!)) })
      ),
      ("programs", .array([.object(program)])),
    ])
    return JSONWriter.render(root)
  }
}
