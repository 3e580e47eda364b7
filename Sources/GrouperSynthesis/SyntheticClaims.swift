import Foundation
import GrouperCore
import GrouperSupport

/// Realistic synthetic claims in the native layout: background care for every member, and the
/// stories the shipped definitions look for: joint replacements followed by post-acute care, heart
/// attacks, outpatient coronary stents, deliveries with prenatal care, and diabetes care.
///
/// Codes are real ICD-10-CM, ICD-10-PCS, HCPCS/CPT, MS-DRG and revenue codes; amounts are in the
/// range Medicare and commercial payers allow. Every draw comes from one ``SplitMix64`` stream, so
/// a seed fixes the output byte for byte.
package struct SyntheticClaims {
  /// What to generate.
  package struct Configuration: Sendable {
    /// How many members.
    package var members = 1000
    /// The random seed.
    package var seed: UInt64 = 1
    /// The first day of the data.
    package var start = Day(year: 2023, month: 1, day: 1)!
    /// How many months of data.
    package var months = 24

    /// The default configuration.
    package init() {}
  }

  /// What was written.
  package struct Written: Sendable {
    /// Claim lines written.
    package var lines: Int
  }

  let configuration: Configuration

  /// A generator for a configuration.
  package init(_ configuration: Configuration) {
    self.configuration = configuration
  }

  /// Writes the claims (and, when a path is given, the members file), each under a temporary
  /// name until it is whole; `progress` is called with the members written so far.
  package func write(
    claimsPath: String, membersPath: String?, progress: ((Int) -> Void)? = nil
  ) throws -> Written {
    let claims = try ChunkedFile(path: claimsPath)
    let members = try membersPath.map { try ChunkedFile(path: $0) }
    var emitter = Emitter(configuration: configuration)
    try claims.write(CSVWriter(header: Emitter.claimColumns).bytes)
    try members?.write(
      CSVWriter(header: [
        "member_id", "birth_date", "sex", "death_date", "coverage_start", "coverage_end",
      ]).bytes)
    let step = max(1, configuration.members / 100)
    for m in 0..<configuration.members {
      var csv = CSVWriter()
      var memberRow = CSVWriter()
      emitter.member(m, claims: &csv, members: &memberRow)
      try claims.write(csv.bytes)
      try members?.write(memberRow.bytes)
      if let progress, (m + 1) % step == 0 || m + 1 == configuration.members { progress(m + 1) }
    }
    try claims.close()
    try members?.close()
    return Written(lines: emitter.lines)
  }
}

/// A file written through a buffer into a ``StagedFile``, so it takes its name only when whole.
private final class ChunkedFile {
  private let file: StagedFile
  private var buffer: [UInt8] = []

  init(path: String) throws {
    file = try StagedFile(path: path)
  }

  func write(_ bytes: [UInt8]) throws {
    buffer += bytes
    if buffer.count > 1 << 22 { try flush() }
  }

  private func flush() throws {
    try file.write(buffer)
    buffer.removeAll(keepingCapacity: true)
  }

  func close() throws {
    try flush()
    try file.commit()
  }
}

extension SyntheticClaims {
  /// A ten-digit NPI from nine digits and their check digit: the Luhn formula over the digits
  /// with the card-issuer prefix 80840, which contributes 24 to the sum (CMS, "Requirements for
  /// National Provider Identifier Check Digit", 2002).
  static func npi(base: Int) -> String {
    let digits = String(format: "%09d", base).utf8.map { Int($0) - 48 }
    var sum = 24
    for (i, d) in digits.reversed().enumerated() {
      let v = i % 2 == 0 ? d * 2 : d
      sum += v > 9 ? v - 9 : v
    }
    return digits.map(String.init).joined() + String((10 - sum % 10) % 10)
  }
}

/// One line of a synthetic claim: its own codes and amount.
private struct SynthLine {
  var hcpcs = ""
  var revenue = ""
  var modifiers = ""
  var amount: Cents
  var from: Day? = nil
  var thru: Day? = nil
}

/// The claim-level fields of a synthetic claim.
private struct SynthClaim {
  var type: ClaimType
  var from: Day
  var thru: Day
  var billing = ""
  var rendering = ""
  var drg = ""
  var principal = ""
  var dx: [String] = []
  var px: [String] = []
  var pos = ""
  var status = ""
  var lines: [SynthLine] = []
}

/// Draws members and their claims.
private struct Emitter {
  static let claimColumns = [
    "claim_id", "line", "member_id", "payer_id", "claim_type", "from_date", "thru_date",
    "admit_date", "discharge_date",
    "billing_provider", "rendering_provider", "drg", "principal_dx", "dx", "px", "hcpcs",
    "modifiers", "revenue_code",
    "place_of_service", "discharge_status", "allowed_amount", "paid_amount",
  ]

  let configuration: Configuration
  var random: SplitMix64
  var nextClaim = 1
  var lines = 0
  let end: Day
  let hospitals: [String]
  let snfs: [String]
  let homeHealth: [String]
  let hospices: [String]
  let physicians: [String]

  typealias Configuration = SyntheticClaims.Configuration

  init(configuration: Configuration) {
    self.configuration = configuration
    random = SplitMix64(seed: configuration.seed)
    let (y, m, _) = configuration.start.components
    let months = y * 12 + (m - 1) + configuration.months
    end = Day(year: months / 12, month: months % 12 + 1, day: 1)!.adding(days: -1)
    // CCNs: two-digit state code, then the facility-type range (0001–0879 short-term hospitals,
    // 5000–6499 SNFs, 7000–8499 home health agencies, 1500–1799 hospices).
    hospitals = (1...40).map { String(format: "%02d%04d", 10 + $0 % 12, $0 * 7 % 879 + 1) }
    snfs = (1...60).map { String(format: "%02d%04d", 10 + $0 % 12, 5000 + $0 * 13) }
    homeHealth = (1...30).map { String(format: "%02d%04d", 10 + $0 % 12, 7000 + $0 * 17) }
    hospices = (1...10).map { String(format: "%02d%04d", 10 + $0 % 12, 1500 + $0 * 11) }
    // NPIs: ten digits starting with 1, the last a valid check digit.
    physicians = (1...400).map { SyntheticClaims.npi(base: 123_456_000 + $0 * 7919 % 1_000_000) }
  }

  var days: Int { configuration.start.days(to: end) + 1 }

  mutating func day(after first: Day? = nil, within span: Int? = nil) -> Day {
    let low = first ?? configuration.start
    let room = min(span ?? days, low.days(to: end))
    return low.adding(days: random.int(0...max(0, room)))
  }

  mutating func member(_ index: Int, claims: inout CSVWriter, members: inout CSVWriter) {
    let id = String(format: "M%07d", index + 1)
    let age = random.int(20...95)
    let female = random.chance(0.54)
    let payer = age >= 65 ? "MEDICARE" : (random.chance(0.8) ? "COMMERCIAL" : "MEDICAID")
    let birth = configuration.start.adding(days: -age * 365 - random.int(0...364))
    var death: Day?
    var out = MemberClaims(id: id, payer: payer)

    // Background care: office visits, labs, pharmacy fills, now and then an ED visit.
    let visits = random.int(1...8) + (age > 65 ? 3 : 0)
    for _ in 0..<visits { officeVisit(&out, on: day(), dx: random.pick(Self.backgroundDx)) }
    for _ in 0..<random.int(0...3) { lab(&out, on: day(), dx: random.pick(Self.backgroundDx)) }
    for _ in 0..<random.int(0...10) { pharmacy(&out, on: day()) }
    if random.chance(0.15) { emergencyVisit(&out, on: day()) }
    if random.chance(0.03) {
      dme(&out, on: day(), code: random.pick(["E0114", "E0143", "K0001", "E0601"]), dx: "M25561")
    }

    // The stories the definitions look for.
    if age >= 55 && random.chance(0.05) { jointReplacement(&out, on: day()) }
    if age >= 45 && random.chance(0.03) { heartAttack(&out, on: day()) }
    if age >= 45 && random.chance(0.025) { coronaryStent(&out, on: day()) }
    if female && (18...42).contains(age) && random.chance(0.08) {
      delivery(&out, on: day(after: configuration.start.adding(days: 200)))
    }
    if age >= 30 && random.chance(0.12) { diabetesCare(&out) }
    if age >= 70 && random.chance(0.04) {
      let d = day(after: configuration.start.adding(days: 60))
      hospice(&out, until: d)
      death = d
    } else if random.chance(0.004) {
      let d = day()
      inpatientStay(
        &out, admit: d, days: random.int(2...8), drg: "871", principal: "A419", status: "20",
        amount: 25_000)
      death = d.adding(days: 8)
    }

    // Only claims starting within the data's months are kept, and none after a death.
    let last = min(end, death ?? end)
    for claim in out.claims where claim.from >= configuration.start && claim.from <= last {
      write(claim, member: id, payer: payer, into: &claims)
    }

    var coverageEnd: Day? = nil
    var coverageStart = configuration.start.adding(days: -365)
    if random.chance(0.03) {
      // A coverage gap: enrolment ends and starts again.
      let gap = day()
      coverageEnd = gap
      members.row([
        id, birth.description, female ? "F" : "M", death?.description ?? "",
        coverageStart.description, gap.description,
      ])
      coverageStart = gap.adding(days: random.int(30...120))
      coverageEnd = nil
    }
    members.row([
      id, birth.description, female ? "F" : "M", death?.description ?? "",
      coverageStart.description,
      coverageEnd?.description ?? "",
    ])
  }

  mutating func write(_ claim: SynthClaim, member: String, payer: String, into csv: inout CSVWriter)
  {
    let claimID = String(format: "C%09d", nextClaim)
    nextClaim += 1
    for (n, line) in claim.lines.enumerated() {
      let from = line.from ?? claim.from
      let thru = line.thru ?? (line.from == nil ? claim.thru : from)
      let paid = Cents(line.amount.value * 8 / 10)
      let fields = [
        claimID, String(n + 1), member, payer, claim.type.name, from.description, thru.description,
        claim.type == .inpatient || claim.type == .snf ? claim.from.description : "",
        claim.type == .inpatient || claim.type == .snf ? claim.thru.description : "",
        claim.billing, claim.rendering, claim.drg, claim.principal, claim.dx.joined(separator: "|"),
        claim.px.joined(separator: "|"), line.hcpcs, line.modifiers, line.revenue, claim.pos,
        claim.status,
        line.amount.description, paid.description,
      ]
      csv.row(fields)
      lines += 1
    }
  }

  // MARK: - Building blocks

  static let backgroundDx = [
    "I10", "E785", "M5450", "J069", "K219", "F329", "J449", "N390", "R051", "Z0000", "M25561",
    "H5213",
  ]

  mutating func physician() -> String { random.pick(physicians) }

  mutating func officeVisit(_ out: inout MemberClaims, on d: Day, dx: String, code: String? = nil) {
    let doctor = physician()
    var claim = SynthClaim(
      type: .professional, from: d, thru: d, billing: doctor, rendering: doctor, principal: dx,
      pos: "11")
    claim.lines = [
      SynthLine(
        hcpcs: code ?? random.pick(["99213", "99214", "99213", "99204"]),
        amount: random.dollars(75, 190))
    ]
    out.claims.append(claim)
  }

  mutating func lab(_ out: inout MemberClaims, on d: Day, dx: String, extra: [String] = []) {
    var claim = SynthClaim(
      type: .outpatient, from: d, thru: d, billing: random.pick(hospitals), principal: dx, pos: "")
    for code in ["36415", random.pick(["80053", "85025", "80061"])] + extra {
      claim.lines.append(
        SynthLine(
          hcpcs: code, revenue: code == "36415" ? "0300" : "0301", amount: random.dollars(8, 60)))
    }
    out.claims.append(claim)
  }

  mutating func pharmacy(_ out: inout MemberClaims, on d: Day) {
    var claim = SynthClaim(
      type: .pharmacy, from: d, thru: d,
      billing: String(format: "1%09d", random.int(100_000_000...999_999_999)))
    claim.lines = [SynthLine(amount: random.dollars(4, 320))]
    out.claims.append(claim)
  }

  mutating func emergencyVisit(_ out: inout MemberClaims, on d: Day) {
    let dx = random.pick(["R0789", "S93401A", "R1030", "J189"])
    var facility = SynthClaim(
      type: .outpatient, from: d, thru: d, billing: random.pick(hospitals), principal: dx)
    facility.lines = [
      SynthLine(hcpcs: "99284", revenue: "0450", amount: random.dollars(400, 1400)),
      SynthLine(hcpcs: "71046", revenue: "0320", amount: random.dollars(60, 180)),
    ]
    out.claims.append(facility)
    let doctor = physician()
    var pro = SynthClaim(
      type: .professional, from: d, thru: d, billing: doctor, rendering: doctor, principal: dx,
      pos: "23")
    pro.lines = [SynthLine(hcpcs: "99284", amount: random.dollars(120, 260))]
    out.claims.append(pro)
  }

  mutating func dme(_ out: inout MemberClaims, on d: Day, code: String, dx: String) {
    var claim = SynthClaim(
      type: .dme, from: d, thru: d, billing: physician(), principal: dx, pos: "12")
    claim.lines = [SynthLine(hcpcs: code, modifiers: "NU", amount: random.dollars(40, 400))]
    out.claims.append(claim)
  }

  /// An acute stay with room, pharmacy, supply and operating-room revenue lines; the DRG payment
  /// spread over them.
  mutating func inpatientStay(
    _ out: inout MemberClaims, admit: Day, days: Int, drg: String, principal: String,
    dx: [String] = [], px: [String] = [],
    status: String = "01", amount: Int, hospital: String? = nil
  ) {
    let discharge = admit.adding(days: days)
    var claim = SynthClaim(
      type: .inpatient, from: admit, thru: discharge, billing: hospital ?? random.pick(hospitals),
      drg: drg, principal: principal,
      dx: dx, px: px, status: status)
    let total = random.dollars(amount * 8 / 10, amount * 12 / 10)
    let parts = [("0120", 45), ("0250", 15), ("0272", 15), ("0360", 25)]
    var left = total
    for (k, (revenue, share)) in parts.enumerated() {
      let cents = k == parts.count - 1 ? left : Cents(total.value * Int64(share) / 100)
      left -= cents
      claim.lines.append(SynthLine(revenue: revenue, amount: cents))
    }
    out.claims.append(claim)
  }

  mutating func jointReplacement(_ out: inout MemberClaims, on d: Day) {
    let knee = random.chance(0.6)
    let right = random.chance(0.5)
    let hcpcs = knee ? "27447" : "27130"
    let dx = knee ? (right ? "M1711" : "M1712") : (right ? "M1611" : "M1612")
    let px = knee ? (right ? "0SRC0J9" : "0SRD0J9") : (right ? "0SR90J9" : "0SRB0J9")
    let surgeon = physician()
    officeVisit(&out, on: d.adding(days: -random.int(14...40)), dx: dx, code: "99204")
    var dischargeDay = d
    if random.chance(0.3) {
      // Outpatient joint replacement.
      var op = SynthClaim(
        type: .outpatient, from: d, thru: d, billing: random.pick(hospitals), principal: dx)
      op.lines = [
        SynthLine(
          hcpcs: hcpcs, revenue: "0360", modifiers: right ? "RT" : "LT",
          amount: random.dollars(9000, 14000)),
        SynthLine(hcpcs: "C1776", revenue: "0278", amount: random.dollars(0, 1)),
      ]
      out.claims.append(op)
    } else {
      let stay = random.int(1...4)
      let drg = random.chance(0.08) ? (knee ? "469" : "521") : (knee ? "470" : "522")
      inpatientStay(
        &out, admit: d, days: stay, drg: drg, principal: dx, dx: ["I10", "E785"], px: [px],
        amount: 14_000)
      dischargeDay = d.adding(days: stay)
    }
    var pro = SynthClaim(
      type: .professional, from: d, thru: d, billing: surgeon, rendering: surgeon, principal: dx,
      pos: "21")
    pro.lines = [
      SynthLine(hcpcs: hcpcs, modifiers: right ? "RT" : "LT", amount: random.dollars(1200, 1700))
    ]
    out.claims.append(pro)
    var anesthesia = SynthClaim(
      type: .professional, from: d, thru: d, billing: physician(), principal: dx, pos: "21")
    anesthesia.lines = [
      SynthLine(hcpcs: knee ? "01402" : "01214", modifiers: "AA", amount: random.dollars(350, 700))
    ]
    out.claims.append(anesthesia)
    // Post-acute care: a SNF stay or home health, then physical therapy and follow-up.
    if random.chance(0.4) {
      let stayDays = random.int(8...35)
      var snf = SynthClaim(
        type: .snf, from: dischargeDay, thru: dischargeDay.adding(days: stayDays),
        billing: random.pick(snfs), principal: "Z471",
        dx: [knee ? "Z96651" : "Z96641"])
      snf.lines = [
        SynthLine(hcpcs: "", revenue: "0022", amount: Cents(0)),
        SynthLine(
          revenue: "0120", amount: Cents(Int64(stayDays) * Int64(random.int(380...520)) * 100)),
        SynthLine(revenue: "0420", amount: random.dollars(900, 2500)),
      ]
      out.claims.append(snf)
      dischargeDay = snf.thru
    }
    if random.chance(0.6) {
      let start = dischargeDay.adding(days: random.int(1...3))
      var hh = SynthClaim(
        type: .homeHealth, from: start, thru: start.adding(days: 29),
        billing: random.pick(homeHealth), principal: "Z471")
      hh.lines = [
        SynthLine(revenue: "0023", amount: random.dollars(1800, 3200)),
        SynthLine(
          hcpcs: "G0151", revenue: "0421", amount: random.dollars(150, 600),
          from: start.adding(days: 2)),
      ]
      out.claims.append(hh)
    }
    for k in 0..<random.int(2...8) {
      let t = physician()
      var pt = SynthClaim(
        type: .professional, from: dischargeDay.adding(days: 7 + k * 6),
        thru: dischargeDay.adding(days: 7 + k * 6),
        billing: t, rendering: t, principal: "Z471", pos: "11")
      pt.lines = [
        SynthLine(
          hcpcs: k == 0 ? "97161" : "97110", modifiers: "GP", amount: random.dollars(30, 110))
      ]
      out.claims.append(pt)
    }
    officeVisit(&out, on: d.adding(days: random.int(14...21)), dx: "Z471", code: "99024")
    if random.chance(0.3) { dme(&out, on: dischargeDay, code: "E0143", dx: dx) }
    if random.chance(0.06) {
      // A readmission within the episode: wound infection, or a condition on CMS's excluded list.
      let readmit = dischargeDay.adding(days: random.int(5...60))
      if random.chance(0.5) {
        inpatientStay(
          &out, admit: readmit, days: random.int(2...5), drg: "603", principal: "L03115",
          amount: 7_000)
      } else {
        inpatientStay(
          &out, admit: readmit, days: random.int(3...7), drg: "375", principal: "C184",
          amount: 15_000)
      }
    }
  }

  mutating func heartAttack(_ out: inout MemberClaims, on d: Day) {
    let stay = random.int(2...6)
    let drg = random.pick(["280", "281", "282", "281"])
    let dx = random.pick(["I214", "I2119", "I2109"])
    inpatientStay(
      &out, admit: d, days: stay, drg: drg, principal: dx, dx: ["I10", "E785", "I2510"],
      px: ["4A023N7"], amount: 11_000)
    let cardiologist = physician()
    var rounds = SynthClaim(
      type: .professional, from: d, thru: d.adding(days: stay), billing: cardiologist,
      rendering: cardiologist,
      principal: dx, pos: "21")
    rounds.lines = (0...stay).map { k in
      SynthLine(
        hcpcs: k == 0 ? "99223" : "99232", amount: random.dollars(90, 230), from: d.adding(days: k),
        thru: d.adding(days: k))
    }
    out.claims.append(rounds)
    let home = d.adding(days: stay)
    officeVisit(&out, on: home.adding(days: random.int(7...14)), dx: "I252", code: "99214")
    lab(&out, on: home.adding(days: random.int(20...40)), dx: "I252", extra: ["93306"])
    for k in 0..<random.int(0...12) {
      var rehab = SynthClaim(
        type: .outpatient, from: home.adding(days: 21 + k * 3), thru: home.adding(days: 21 + k * 3),
        billing: random.pick(hospitals), principal: "I252")
      rehab.lines = [SynthLine(hcpcs: "93798", revenue: "0943", amount: random.dollars(90, 130))]
      out.claims.append(rehab)
    }
    if random.chance(0.15) {
      // A second heart attack within the window, which the AMI definition absorbs.
      inpatientStay(
        &out, admit: home.adding(days: random.int(10...60)), days: random.int(2...4), drg: "281",
        principal: "I214",
        amount: 10_000)
    }
  }

  mutating func coronaryStent(_ out: inout MemberClaims, on d: Day) {
    let cardiologist = physician()
    officeVisit(&out, on: d.adding(days: -random.int(10...25)), dx: "I2510", code: "99204")
    var stress = SynthClaim(
      type: .outpatient, from: d.adding(days: -random.int(3...9)), thru: d.adding(days: -3),
      billing: random.pick(hospitals), principal: "I2510")
    stress.thru = stress.from
    stress.lines = [SynthLine(hcpcs: "93015", revenue: "0482", amount: random.dollars(150, 400))]
    out.claims.append(stress)
    let code = random.pick(["92928", "92928", "C9600", "92920"])
    var op = SynthClaim(
      type: .outpatient, from: d, thru: d, billing: random.pick(hospitals), principal: "I2510",
      dx: ["I10"])
    op.lines = [
      SynthLine(hcpcs: code, revenue: "0481", amount: random.dollars(9000, 16000)),
      SynthLine(hcpcs: "C1874", revenue: "0278", amount: random.dollars(0, 1)),
    ]
    out.claims.append(op)
    var pro = SynthClaim(
      type: .professional, from: d, thru: d, billing: cardiologist, rendering: cardiologist,
      principal: "I2510", pos: "22")
    pro.lines = [
      SynthLine(
        hcpcs: code == "C9600" ? "92928" : code, modifiers: "RC", amount: random.dollars(600, 900))
    ]
    out.claims.append(pro)
    officeVisit(&out, on: d.adding(days: random.int(10...30)), dx: "I2510", code: "99214")
  }

  mutating func delivery(_ out: inout MemberClaims, on d: Day) {
    let ob = physician()
    // Prenatal care from about week 10: visits, an ultrasound, labs.
    let visits = random.int(6...12)
    for k in 0..<visits {
      let on = d.adding(days: -(260 - k * (230 / visits)))
      let trimester = k < visits / 3 ? "Z3481" : k < 2 * visits / 3 ? "Z3482" : "Z3483"
      var visit = SynthClaim(
        type: .professional, from: on, thru: on, billing: ob, rendering: ob, principal: trimester,
        pos: "11")
      visit.lines = [SynthLine(hcpcs: "99213", amount: random.dollars(80, 160))]
      if k == visits / 2 {
        visit.lines.append(SynthLine(hcpcs: "76805", amount: random.dollars(120, 260)))
      }
      out.claims.append(visit)
    }
    lab(&out, on: d.adding(days: -random.int(150...200)), dx: "Z3482")
    let cesarean = random.chance(0.32)
    let stay = cesarean ? random.int(2...4) : random.int(1...2)
    inpatientStay(
      &out, admit: d, days: stay,
      drg: cesarean ? random.pick(["788", "787"]) : random.pick(["807", "806"]),
      principal: cesarean ? "O82" : "O80", dx: ["Z370", "Z3A39"],
      px: [cesarean ? "10D00Z1" : "10E0XZZ"], amount: cesarean ? 11_000 : 7_500)
    var pro = SynthClaim(
      type: .professional, from: d, thru: d, billing: ob, rendering: ob,
      principal: cesarean ? "O82" : "O80", pos: "21")
    pro.lines = [SynthLine(hcpcs: cesarean ? "59514" : "59409", amount: random.dollars(1500, 2600))]
    out.claims.append(pro)
    officeVisit(&out, on: d.adding(days: random.int(35...56)), dx: "Z390", code: "59430")
  }

  mutating func diabetesCare(_ out: inout MemberClaims) {
    let dx = random.pick(["E119", "E1165", "E1122", "E119", "E109"])
    let doctor = physician()
    var on = day(within: 120)
    while on <= end {
      var visit = SynthClaim(
        type: .professional, from: on, thru: on, billing: doctor, rendering: doctor, principal: dx,
        dx: ["I10"], pos: "11")
      visit.lines = [SynthLine(hcpcs: "99214", amount: random.dollars(110, 190))]
      out.claims.append(visit)
      lab(&out, on: on, dx: dx, extra: ["83036"])
      if random.chance(0.3) { dme(&out, on: on, code: "A4253", dx: dx) }
      if random.chance(0.2) {
        var eye = SynthClaim(
          type: .professional, from: on.adding(days: 9), thru: on.adding(days: 9),
          billing: physician(), principal: dx, pos: "11")
        eye.lines = [SynthLine(hcpcs: "92250", amount: random.dollars(40, 90))]
        out.claims.append(eye)
      }
      on = on.adding(days: random.int(80...110))
    }
  }

  mutating func hospice(_ out: inout MemberClaims, until death: Day) {
    let start = death.adding(days: -random.int(10...60))
    var claim = SynthClaim(
      type: .hospice, from: start, thru: death, billing: random.pick(hospices), principal: "C349",
      status: "40")
    claim.lines = [
      SynthLine(revenue: "0651", amount: Cents(Int64(start.days(to: death) + 1) * 20_000))
    ]
    out.claims.append(claim)
  }
}

/// The claims drawn for one member, before they are written.
private struct MemberClaims {
  let id: String
  let payer: String
  var claims: [SynthClaim] = []
}
