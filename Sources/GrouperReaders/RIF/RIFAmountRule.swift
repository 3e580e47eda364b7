/// Which RIF amount columns make a line's allowed and paid amounts, by file kind.
///
/// RIF repeats a claim's header fields on every line, so an amount is counted at the level CMS
/// pays it: institutional claims paid per stay, period or day (inpatient, SNF, home health,
/// hospice) carry claim-level amounts, counted once on the claim's first row read, and their
/// revenue-centre lines carry zero; outpatient, carrier and DME claims are paid per line, and each
/// line carries its own amounts, the claim-level totals (their sum) being left unread. A claim's
/// dollars are therefore counted exactly once.
struct RIFAmountRule: Sendable {
  /// Columns summed for the allowed amount; the first must hold a value, the others count as zero
  /// when blank.
  var allowed: [String]
  /// Columns summed for the paid amount (blank counts as zero).
  var paid: [String]
  /// A daily amount multiplied by a day count and added to both (inpatient pass-through).
  var perDiem: (amount: String, days: String)?
  /// Whether the amounts are the claim's, counted once on its first row.
  var claimLevel: Bool
  /// Columns summed for what a primary payer other than Medicare paid, read when present; never
  /// added to allowed (CMS drops claims with primary-payer dollars rather than count them).
  var primaryPayer: [String] = []
  /// The claim-level payment a per-line file repeats on each row, compared with the sum of its
  /// lines' paid amounts when present (a difference is counted as a warning).
  var claimTotal: String?
  /// Columns to read in place of a rule column that a header lacks (older extracts).
  var fallbacks: [String: String] = [:]

  /// The rule of a file kind.
  static func of(_ kind: RIFFileKind) -> RIFAmountRule {
    let partA = [
      "NCH_BENE_IP_DDCTBL_AMT", "NCH_BENE_PTA_COINSRNC_LBLTY_AM", "NCH_BENE_BLOOD_DDCTBL_LBLTY_AM",
    ]
    switch kind {
    case .inpatient:
      // CLM_PMT_AMT excludes the pass-through per diem, beneficiary cost sharing and what a primary
      // payer paid (ResDAC); NCH_IP_TOT_DDCTN_AMT is their total and is not added again. What a
      // primary payer paid (NCH_PRMRY_PYR_CLM_PD_AMT) is read apart, not added.
      return RIFAmountRule(
        allowed: ["CLM_PMT_AMT"] + partA, paid: ["CLM_PMT_AMT"],
        perDiem: ("CLM_PASS_THRU_PER_DIEM_AMT", "CLM_UTLZTN_DAY_CNT"), claimLevel: true,
        primaryPayer: ["NCH_PRMRY_PYR_CLM_PD_AMT"])
    case .snf:
      return RIFAmountRule(
        allowed: ["CLM_PMT_AMT"] + partA, paid: ["CLM_PMT_AMT"], perDiem: nil, claimLevel: true,
        primaryPayer: ["NCH_PRMRY_PYR_CLM_PD_AMT"])
    case .hha, .hospice:
      return RIFAmountRule(
        allowed: ["CLM_PMT_AMT"], paid: ["CLM_PMT_AMT"], perDiem: nil, claimLevel: true,
        primaryPayer: ["NCH_PRMRY_PYR_CLM_PD_AMT"])
    case .outpatient:
      // The data dictionary's line payment is REV_CNTR_PRVDR_PMT_AMT (what Medicare paid the
      // provider); REV_CNTR_PMT_AMT_AMT is read only from extracts without it. The MSP amounts are
      // what primary payers paid.
      return RIFAmountRule(
        allowed: ["REV_CNTR_PRVDR_PMT_AMT", "REV_CNTR_PTNT_RSPNSBLTY_PMT"],
        paid: ["REV_CNTR_PRVDR_PMT_AMT"], perDiem: nil, claimLevel: false,
        primaryPayer: ["REV_CNTR_1ST_MSP_PD_AMT", "REV_CNTR_2ND_MSP_PD_AMT"],
        claimTotal: "CLM_PMT_AMT", fallbacks: ["REV_CNTR_PRVDR_PMT_AMT": "REV_CNTR_PMT_AMT_AMT"])
    case .carrier, .dme:
      return RIFAmountRule(
        allowed: ["LINE_ALOWD_CHRG_AMT"], paid: ["LINE_NCH_PMT_AMT"], perDiem: nil,
        claimLevel: false, primaryPayer: ["LINE_BENE_PRMRY_PYR_PD_AMT"], claimTotal: "CLM_PMT_AMT")
    case .pde:
      return RIFAmountRule(
        allowed: ["TOT_RX_CST_AMT"], paid: ["CVRD_D_PLAN_PD_AMT", "NCVRD_PLAN_PD_AMT"],
        perDiem: nil, claimLevel: true)
    case .beneficiary, .beneficiaryHistory:
      return RIFAmountRule(allowed: [], paid: [], perDiem: nil, claimLevel: false)
    }
  }

  /// The rule with each column the header lacks replaced by its fallback, when the header has it.
  func resolved(in header: RIFHeader) -> RIFAmountRule {
    var rule = self
    let swap = { (name: String) -> String in
      guard header[name] == nil, let other = fallbacks[name], header[other] != nil else {
        return name
      }
      return other
    }
    rule.allowed = allowed.map(swap)
    rule.paid = paid.map(swap)
    return rule
  }

  /// Every column the rule requires.
  var columns: [String] {
    var all = allowed
    for c in paid where !all.contains(c) { all.append(c) }
    if let perDiem { all += [perDiem.amount, perDiem.days] }
    return all
  }
}
