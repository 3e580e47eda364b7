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

  /// The rule of a file kind.
  static func of(_ kind: RIFFileKind) -> RIFAmountRule {
    let partA = [
      "NCH_BENE_IP_DDCTBL_AMT", "NCH_BENE_PTA_COINSRNC_LBLTY_AM", "NCH_BENE_BLOOD_DDCTBL_LBLTY_AM",
    ]
    switch kind {
    case .inpatient:
      // CLM_PMT_AMT excludes the pass-through per diem, beneficiary cost sharing and what a primary
      // payer paid (ResDAC); NCH_IP_TOT_DDCTN_AMT is their total and is not added again.
      return RIFAmountRule(
        allowed: ["CLM_PMT_AMT", "NCH_PRMRY_PYR_CLM_PD_AMT"] + partA, paid: ["CLM_PMT_AMT"],
        perDiem: ("CLM_PASS_THRU_PER_DIEM_AMT", "CLM_UTLZTN_DAY_CNT"), claimLevel: true)
    case .snf:
      return RIFAmountRule(
        allowed: ["CLM_PMT_AMT", "NCH_PRMRY_PYR_CLM_PD_AMT"] + partA, paid: ["CLM_PMT_AMT"],
        perDiem: nil,
        claimLevel: true)
    case .hha, .hospice:
      return RIFAmountRule(
        allowed: ["CLM_PMT_AMT", "NCH_PRMRY_PYR_CLM_PD_AMT"], paid: ["CLM_PMT_AMT"], perDiem: nil,
        claimLevel: true)
    case .outpatient:
      return RIFAmountRule(
        allowed: [
          "REV_CNTR_PMT_AMT_AMT", "REV_CNTR_PTNT_RSPNSBLTY_PMT", "REV_CNTR_1ST_MSP_PD_AMT",
          "REV_CNTR_2ND_MSP_PD_AMT",
        ],
        paid: ["REV_CNTR_PMT_AMT_AMT"], perDiem: nil, claimLevel: false)
    case .carrier, .dme:
      return RIFAmountRule(
        allowed: ["LINE_ALOWD_CHRG_AMT"], paid: ["LINE_NCH_PMT_AMT"], perDiem: nil,
        claimLevel: false)
    case .pde:
      return RIFAmountRule(
        allowed: ["TOT_RX_CST_AMT"], paid: ["CVRD_D_PLAN_PD_AMT", "NCVRD_PLAN_PD_AMT"],
        perDiem: nil, claimLevel: true)
    case .beneficiary, .beneficiaryHistory:
      return RIFAmountRule(allowed: [], paid: [], perDiem: nil, claimLevel: false)
    }
  }

  /// Every column the rule reads.
  var columns: [String] {
    var all = allowed
    for c in paid where !all.contains(c) { all.append(c) }
    if let perDiem { all += [perDiem.amount, perDiem.days] }
    return all
  }
}
