import GrouperSupport

extension GroupingContext {
  /// A line's share of days inside a window ending on `windowEnd`: amount × days inside ÷ days of
  /// the line, both counted inclusively (CMS BPCI Advanced `d7_process_sn_clms`: days ÷
  /// (thru − from + 1)), rounded to the cent, halves away from zero.
  static func prorateByDays(_ line: ClaimLine, windowEnd: Day) -> Proration {
    let inside = Int64(line.from.days(to: windowEnd) + 1)
    let total = Int64(line.from.days(to: line.thru) + 1)
    return Proration(
      basis: .days, numerator: inside, denominator: total,
      allocated: line.allowed.scaled(by: inside, over: total))
  }

  /// A stay's share by its MS-DRG's geometric mean length of stay (CMS BPCI Advanced
  /// `d3_process_ip_clms` and `d9_calculate_grouped_costs`).
  ///
  /// With `days` = window end − admission + 1 (both counted), the stay counts in full when days ≥
  /// GMLOS − 1, and otherwise amount × (days + 1) ÷ GMLOS, never more than the amount. The GMLOS
  /// is that of the FY2026 table. A stay whose MS-DRG has no GMLOS counts in full, as CMS's code
  /// does when its look-up finds none. A stay billed by a facility CMS does not pay by MS-DRG (a
  /// critical access, psychiatric, children's, emergency or veterans' hospital, or any other CCN
  /// that is not a short-term acute, long-term care or rehabilitation hospital) is prorated by
  /// days of the stay instead. CMS also spreads a stay's outlier payment by days; claims here
  /// carry no separate outlier amount, so the whole amount follows the GMLOS rule.
  func prorateByGMLOS(_ line: ClaimLine, windowEnd: Day) -> Proration {
    let admit = min(line.admit, line.from)
    let days = Int64(admit.days(to: windowEnd) + 1)
    let provider = store.codes(.provider).withBytes(line.billingProvider) {
      ProviderType(provider: $0)
    }
    switch provider {
    case .shortTermAcute, .longTermCare, .rehabilitation, .unknown:
      break
    default:
      let stay = Int64(admit.days(to: max(line.discharge, line.thru)) + 1)
      return Proration(
        basis: .stayDays(provider), numerator: days, denominator: stay,
        allocated: line.allowed.scaled(by: days, over: stay))
    }
    let code = line.drg == 0 ? "" : store.code(line.drg, .msDRG)
    guard let drg = Int(code), let gmlos = MSDRGTable.fy2026.gmlosTenths(of: drg) else {
      return Proration(basis: .noGMLOS, numerator: 1, denominator: 1, allocated: line.allowed)
    }
    // In tenths of a day: days ≥ GMLOS − 1  ⇔  10 × days ≥ GMLOS₁₀ − 10.
    if 10 * days >= Int64(gmlos) - 10 {
      return Proration(
        basis: .gmlosWhole(drg: code, days: days), numerator: days, denominator: Int64(gmlos),
        allocated: line.allowed)
    }
    let share = line.allowed.scaled(by: 10 * (days + 1), over: Int64(gmlos))
    let capped = abs(share.value) > abs(line.allowed.value)
    return Proration(
      basis: .gmlos(drg: code, days: days, capped: capped), numerator: 10 * (days + 1),
      denominator: Int64(gmlos), allocated: capped ? line.allowed : share)
  }
}

/// The visit lines of a member's home-health claims, for proration by visits.
///
/// A visit line has a revenue code of a home-health discipline (042x physical therapy, 043x
/// occupational therapy, 044x speech-language pathology, 055x skilled nursing, 056x medical
/// social services, 057x aide) and is not a HCPCS code CMS leaves out of the count (Q5001,
/// Q5002, Q5009, G0320–G0322); its date is its from date (CMS BPCI Advanced `d8_process_hh_clms`,
/// the revenue-center date).
struct HomeHealthVisits {
  private var visits: [UInt32: [Day]] = [:]
  private var spans: [UInt32: DayRange] = [:]

  static let visitPrefixes: Set<String> = ["042", "043", "044", "055", "056", "057"]
  static let uncounted: Set<String> = ["Q5001", "Q5002", "Q5009", "G0320", "G0321", "G0322"]

  /// The visits of the home-health claims among `lines`.
  init(_ lines: [Int], store: ClaimStore) {
    for index in lines {
      let line = store.lines[index]
      guard line.type == .homeHealth else { continue }
      let span = spans[line.claim] ?? DayRange(line.from, line.thru)
      spans[line.claim] = DayRange(min(span.first, line.from), max(span.last, line.thru))
      guard line.revenueCode != 0 else { continue }
      let revenue = store.code(line.revenueCode, .revenueCode)
      guard Self.visitPrefixes.contains(String(revenue.prefix(3))) else { continue }
      if line.hcpcs != 0, Self.uncounted.contains(store.code(line.hcpcs, .hcpcs)) { continue }
      visits[line.claim, default: []].append(line.from)
    }
  }

  /// What a line of a home-health claim counts in a window ending on `windowEnd`: nil (the whole
  /// line) when its claim ends inside the window; otherwise amount × visits inside ÷ visits, or,
  /// for a claim with no visit lines, the claim's share of days.
  func share(of line: ClaimLine, windowEnd: Day) -> Proration? {
    let span = spans[line.claim] ?? DayRange(line.from, line.thru)
    guard span.last > windowEnd else { return nil }
    guard let dates = visits[line.claim], !dates.isEmpty else {
      let inside = max(0, Int64(span.first.days(to: windowEnd) + 1))
      let total = Int64(span.first.days(to: span.last) + 1)
      return Proration(
        basis: .claimDays, numerator: inside, denominator: total,
        allocated: line.allowed.scaled(by: inside, over: total))
    }
    let inside = Int64(dates.filter { $0 <= windowEnd }.count)
    return Proration(
      basis: .visits, numerator: inside, denominator: Int64(dates.count),
      allocated: line.allowed.scaled(by: inside, over: Int64(dates.count)))
  }
}
