import Foundation
import Testing

@testable import GrouperCommands

/// `grouper explain`: its figures equal `group`'s, every line of a member is accounted for, and
/// the reasons it gives are those derived by hand from the sample stories and rule cases.
@Suite("grouper explain")
struct ExplainCommandTests {
  /// The sample claims, members and definitions, as `group` reads them in the README.
  static let sample = [
    "--definitions", packagePath("EpisodeDefinitions"), "--claims",
    packagePath("SampleClaims/claims.csv"), "--members", packagePath("SampleClaims/members.csv"),
  ]

  /// `explain --json` of one member of the samples (or of other inputs), parsed.
  static func explain(_ member: String, _ extra: [String] = [], inputs: [String] = sample) throws
    -> [String: Any]
  {
    let r = runCLI(["explain"] + inputs + ["--member", member, "--json"] + extra)
    #expect(r.code == .success, "\(r.stderr)")
    return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
  }

  /// The lines of an explanation.
  static func lines(_ json: [String: Any]) -> [[String: Any]] { json["lines"] as! [[String: Any]] }

  /// The explanation of one line.
  static func line(_ json: [String: Any], _ claim: String, _ number: Int = 1) -> [String: Any] {
    lines(json).first { $0["claim_id"] as? String == claim && $0["line"] as? Int == number }!
  }

  /// The explanation of one episode.
  static func episode(_ json: [String: Any], _ id: String) -> [String: Any] {
    (json["episodes"] as! [[String: Any]]).first { $0["episode_id"] as? String == id }!
  }

  /// A JSON amount as text with two decimals (JSONSerialization reads 5000.00 as a number).
  static func money(_ value: Any?) -> String {
    guard let n = value as? NSNumber else { return "" }
    return String(format: "%.2f", n.doubleValue)
  }

  /// The totals of every member's explanation, added up.
  struct Sums {
    var linesRead = 0
    var linesAssigned = 0
    var dollars: [String: Double] = [:]
  }

  /// Runs `group` and `explain` on the same inputs and checks, member by member, that every
  /// episode, counted line and excluded line `group` writes is what `explain` says, figure by
  /// figure, and that `explain` lists every line of the claims file once. `claims` is a native
  /// CSV file; `options` are the definitions, claims and members options and any `--through`.
  static func compareWithGroup(claims: String, options: [String]) throws -> Sums {
    let out = try temporaryFolder()
    let group = runCLI(["group"] + options + ["--out", out, "--quiet"])
    #expect(group.code == .success, "\(group.stderr)")
    let rows = try csvTable(claims)
    let episodes = try csvTable(out + "/episodes.csv")
    let assigned = try csvTable(out + "/episode_claims.csv")
    let excluded = try csvTable(out + "/excluded_claims.csv")
    var sums = Sums()
    for m in Array(Set(rows.map { $0["member_id"]! })).sorted() {
      let json = try explain(m, inputs: options)
      let mine = episodes.filter { $0["member_id"] == m }
      let ids = Set(mine.map { $0["episode_id"]! })
      // Every episode of the member, with the figures episodes.csv holds.
      let explained = json["episodes"] as! [[String: Any]]
      #expect(Set(explained.map { $0["episode_id"] as! String }) == ids, "\(claims) \(m)")
      for row in mine {
        let e = episode(json, row["episode_id"]!)
        let anchor = e["anchor"] as! [String: Any]
        let window = e["window"] as! [String: Any]
        let place = "\(claims) \(row["episode_id"]!)"
        #expect(e["status"] as? String == row["status"], "\(place)")
        #expect(e["reason"] as? String == row["reason"], "\(place)")
        #expect(e["claim_lines"] as? Int == Int(row["claim_lines"]!), "\(place)")
        #expect(money(e["allowed_total"]) == row["allowed_total"], "\(place)")
        #expect(anchor["start"] as? String == row["anchor_start"], "\(place)")
        #expect(anchor["end"] as? String == row["anchor_end"], "\(place)")
        #expect(window["start"] as? String == row["start_date"], "\(place)")
        #expect(window["end"] as? String == row["end_date"], "\(place)")
        #expect(
          (e["absorbed_triggers"] as! [Any]).count == Int(row["absorbed_triggers"]!), "\(place)")
        #expect(e["definition_version"] as? String == row["definition_version"], "\(place)")
      }
      // Every line read for the member, once.
      let read = rows.filter { $0["member_id"] == m }.map {
        "\($0["claim_id"]!)/\($0["line"] ?? "1")"
      }
      let shown = lines(json).map { "\($0["claim_id"]!)/\($0["line"]!)" }
      #expect(shown.sorted() == read.sorted(), "\(claims) \(m)")
      // The lines counted in its episodes, with their amounts, categories, rules and periods,
      // and the lines its episodes' rules left out.
      var counted: Set<[String]> = []
      var left: Set<[String]> = []
      for l in lines(json) {
        for v in l["episodes"] as! [[String: Any]] {
          let key = [v["episode_id"] as! String, l["claim_id"] as! String, "\(l["line"]!)"]
          switch v["decision"] as! String {
          case "included":
            counted.insert(
              key + [
                v["category"] as! String, v["rule"] as! String, money(v["allocated_amount"]),
                v["period"] as! String,
              ])
          case "excluded", "left_with_stay": left.insert(key + [v["rule"] as! String])
          case "straddle_excluded": left.insert(key + ["straddle"])
          default: break
          }
        }
      }
      let expectedCounted = Set(
        assigned.filter { ids.contains($0["episode_id"]!) }.map {
          [
            $0["episode_id"]!, $0["claim_id"]!, $0["line"]!, $0["category"]!, $0["rule"]!,
            $0["allocated_amount"]!, $0["period"]!,
          ]
        })
      #expect(counted == expectedCounted, "\(claims) \(m)")
      let expectedLeft = Set(
        excluded.filter { ids.contains($0["episode_id"]!) }.map {
          [$0["episode_id"]!, $0["claim_id"]!, $0["line"]!, $0["rule"]!]
        })
      #expect(left == expectedLeft, "\(claims) \(m)")
      let totals = json["totals"] as! [String: Any]
      let lines = totals["lines"] as! [String: Int]
      sums.linesRead += lines["read"]!
      sums.linesAssigned += lines["assigned"]!
      for (k, v) in totals["dollars"] as! [String: Any] {
        sums.dollars[k, default: 0] += (v as! NSNumber).doubleValue
      }
    }
    return sums
  }

  @Test("its figures equal group's files for every sample member")
  func sameFiguresAsGroup() throws {
    let sums = try Self.compareWithGroup(
      claims: packagePath("SampleClaims/claims.csv"), options: Self.sample)
    // The members' totals add up to the run's (Golden/sample-run/DERIVATION.md, "Totals"):
    // 64 lines = 40 assigned + 24 unassigned; 262270.49 read = 203765.00 assigned + 53505.50
    // unassigned + 4999.99 prorated away.
    #expect(sums.linesRead == 64)
    #expect(sums.linesAssigned == 40)
    #expect(String(format: "%.2f", sums.dollars["read"]!) == "262270.49")
    #expect(String(format: "%.2f", sums.dollars["assigned"]!) == "203765.00")
    #expect(String(format: "%.2f", sums.dollars["unassigned"]!) == "53505.50")
    #expect(String(format: "%.2f", sums.dollars["prorated_away"]!) == "4999.99")
  }

  /// The rule cases of the shipped definitions (each folder holding a case.json).
  static let ruleCases: [String] = {
    let root = packagePath("EpisodeDefinitions/tests")
    let found = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
    return found.filter { $0.hasSuffix("/case.json") }.map {
      root + "/" + String($0.dropLast("/case.json".count))
    }.sorted()
  }()

  @Test("its figures equal group's on every rule case of the shipped definitions")
  func sameFiguresOnRuleCases() throws {
    #expect(Self.ruleCases.count > 20)
    for folder in Self.ruleCases {
      let spec =
        try JSONSerialization.jsonObject(with: Data(contents(folder + "/case.json").utf8))
        as! [String: Any]
      var options = [
        "--definitions", packagePath("EpisodeDefinitions"), "--claims", folder + "/claims.csv",
      ]
      if FileManager.default.fileExists(atPath: folder + "/members.csv") {
        options += ["--members", folder + "/members.csv"]
      }
      if let through = spec["through"] as? String { options += ["--through", through] }
      _ = try Self.compareWithGroup(claims: folder + "/claims.csv", options: options)
    }
  }

  @Test("a prorated straddling line: the arithmetic of M003's SNF stay")
  func proration() throws {
    let json = try Self.explain("M003")
    let snf = Self.line(json, "C302")
    #expect(snf["disposition"] as? String == "assigned")
    #expect(snf["episode_id"] as? String == "LEJR-C301")
    let v = (snf["episodes"] as! [[String: Any]])[0]
    // The anchor is the outpatient day 2024-05-10; day 1 of the 90 is that day (anchor_end), so
    // the window ends 05-10 + 89 = 08-07 and starts the day before the anchor, 05-09.
    // 07-29 is 80 days after 05-10 (21 + 30 + 29): post-anchor day 81; window day 82.
    #expect(v["period"] as? String == "post")
    #expect(v["post_anchor_day"] as? Int == 81)
    #expect(v["window_day"] as? Int == 82)
    #expect(v["rule"] as? String == "snf")
    let p = v["proration"] as! [String: Any]
    // 07-29 through 08-07 is 10 days inside; 07-29 through 08-17 is 20 days of the line:
    // 9999.99 × 10 ÷ 20 = 4999.995, rounded half away from zero to 5000.00; 4999.99 away.
    #expect(p["basis"] as? String == "days")
    #expect(p["policy"] as? String == "prorate")
    #expect(p["policy_path"] as? String == "$.straddle.by_claim_type.snf")
    #expect(p["numerator"] as? Int == 10)
    #expect(p["denominator"] as? Int == 20)
    #expect(Self.money(p["allocated_amount"]) == "5000.00")
    #expect(Self.money(p["prorated_away"]) == "4999.99")
    // The home-health claim starts 08-08, the day after the window's last day.
    let hh = Self.line(json, "C303")
    #expect(hh["disposition"] as? String == "unassigned")
    #expect(
      hh["why"] as? String
        == "outside every episode window (LEJR-C301: 2024-05-09 through 2024-08-07)")
  }

  @Test("an excluded line: M001's Part D fill")
  func exclusion() throws {
    let json = try Self.explain("M001")
    let fill = Self.line(json, "C106")
    #expect(fill["disposition"] as? String == "unassigned")
    let v = (fill["episodes"] as! [[String: Any]])[0]
    #expect(v["episode_id"] as? String == "LEJR-C101")
    #expect(v["decision"] as? String == "excluded")
    #expect(v["rule"] as? String == "part_d")
    #expect(v["rule_path"] as? String == "$.exclude[0]")
    #expect(v["reason"] as? String == "Part D pharmacy lies outside CMS's episodes")
    // Filled 2024-01-20, 9 days after the discharge 01-11, which is day 1: day 10.
    #expect(v["post_anchor_day"] as? Int == 10)
    // The visit of 2023-12-15 is before the window (2024-01-07, the day before the anchor).
    #expect(
      Self.line(json, "C107")["why"] as? String
        == "outside every episode window (LEJR-C101: 2024-01-07 through 2024-04-09)")
    // The trigger: DRG 470 in the code set lejr_drgs.
    let trigger = (Self.line(json, "C101")["triggers"] as! [[String: Any]])[0]
    #expect(trigger["outcome"] as? String == "episode")
    let match = (trigger["matches"] as! [[String: Any]])[0]
    #expect(match["field"] as? String == "drg")
    #expect(match["code"] as? String == "470")
    #expect(match["code_set"] as? String == "lejr_drgs")
  }

  @Test("a transfer chain: the rule case LEJR/transfer-merged")
  func transfer() throws {
    let folder = packagePath("EpisodeDefinitions/tests/LEJR/transfer-merged")
    let json = try Self.explain(
      "M1", ["--through", "2026-12-31"],
      inputs: [
        "--definitions", packagePath("EpisodeDefinitions/LEJR.json"), "--claims",
        folder + "/claims.csv",
      ])
    let e = Self.episode(json, "LEJR-C2")
    let anchor = e["anchor"] as! [String: Any]
    // C1 (03-01 to 03-03) transfers to C2 (admitted 03-03, the day C1 ends, another hospital):
    // one anchor 03-01 through 03-06; the window ends 03-06 + 90 − 1 = 06-03.
    #expect(anchor["start"] as? String == "2026-03-01")
    #expect(anchor["end"] as? String == "2026-03-06")
    #expect(anchor["transfer_claims"] as? [String] == ["C1"])
    #expect((e["window"] as! [String: Any])["end"] as? String == "2026-06-03")
    // Both stays count in the anchor: day 1 (03-01) and day 3 (03-03) of the anchor.
    let c1 = (Self.line(json, "C1")["episodes"] as! [[String: Any]])[0]
    let c2 = (Self.line(json, "C2")["episodes"] as! [[String: Any]])[0]
    #expect(c1["anchor_day"] as? Int == 1)
    #expect(c2["anchor_day"] as? Int == 3)
    #expect(Self.money(c1["allocated_amount"]) == "3000.00")
    #expect(Self.money(c2["allocated_amount"]) == "12000.00")
    // C1's MS-DRG 193 is no LEJR trigger; C2's 470 is.
    #expect((Self.line(json, "C1")["triggers"] as! [Any]).isEmpty)
    #expect(Self.money(e["allowed_total"]) == "15000.00")

    // When the first stay of a chain passes the trigger too, it is a transfer leg: X (DRG 470 at
    // 100002, 03-01 to 03-03) and Y (DRG 470 at 100001, admitted 03-03) chain, and Y, the last
    // stay, triggers the one episode LEJR-Y.
    let legFolder = try temporaryFolder()
    try
      ([claimHeader] + [
        Row(
          claim: "X", payer: "MEDICARE", from: "2026-03-01", thru: "2026-03-03",
          billing: "100002", drg: "470", allowed: "3000.00"
        ).csv,
        Row(
          claim: "Y", payer: "MEDICARE", from: "2026-03-03", thru: "2026-03-06",
          billing: "100001", drg: "470", allowed: "12000.00"
        ).csv,
      ]).joined(separator: "\n").write(
        toFile: legFolder + "/claims.csv", atomically: true, encoding: .utf8)
    let legs = try Self.explain(
      "M1", ["--through", "2026-12-31"],
      inputs: [
        "--definitions", packagePath("EpisodeDefinitions/LEJR.json"), "--claims",
        legFolder + "/claims.csv",
      ])
    #expect(
      (legs["episodes"] as! [[String: Any]]).map { $0["episode_id"] as! String } == ["LEJR-Y"])
    let leg = (Self.line(legs, "X")["triggers"] as! [[String: Any]])[0]
    #expect(leg["outcome"] as? String == "transfer_leg")
    #expect(
      leg["text"] as? String
        == "an earlier stay of a transfer chain that claim Y ends: the chain's last stay triggers "
        + "($.transfers)")
  }

  @Test("overlap decisions: a chronological cancellation, and a line another episode takes first")
  func overlap() throws {
    // M004: the second knee (C403, anchor 04-15) starts in the first one's window (03-03 to
    // 06-03); LEJR lets the later episode win, so LEJR-C401 is cancelled and its lines count nowhere.
    let json = try Self.explain("M004")
    let first = Self.episode(json, "LEJR-C401")
    #expect(first["status"] as? String == "cancelled")
    #expect(first["decided_by"] as? String == "overlap")
    #expect(first["decided_by_path"] as? String == "$.overlap")
    let stay = Self.line(json, "C401")
    #expect(stay["disposition"] as? String == "unassigned")
    #expect(
      (stay["why"] as! String).hasPrefix(
        "it falls only in the window of cancelled episode LEJR-C401"))

    // Two definitions of one program: A (precedence 1, DRG 470) and B (precedence 2, DRG 469,
    // keeping its episode when its trigger line is taken). A's window 01-01 to 03-31 holds B's
    // trigger (01-10) and the visit of 01-20: A, first by precedence, takes both; B's decision
    // for the visit is "taken by A-C1".
    let folder = try temporaryFolder()
    for (id, drg, precedence) in [("A", "470", 1), ("B", "469", 2)] {
      try """
      {"id": "\(id)", "name": "\(id)", "version": "1", "precedence": \(precedence),
       "when_trigger_taken": "keep",
       "trigger": {"all": [{"claim_type": "inpatient"}, {"field": "drg", "in": ["\(drg)"]}]},
       "anchor": "stay", "windows": {"post_anchor": {"days": 90, "day_one": "anchor_end"}},
       "include": [{"id": "all", "category": "other"}]}
      """.write(toFile: folder + "/\(id).json", atomically: true, encoding: .utf8)
    }
    try
      ([claimHeader] + [
        Row(claim: "C1", from: "2024-01-01", drg: "470", allowed: "1000.00").csv,
        Row(claim: "C2", from: "2024-01-10", drg: "469", allowed: "2000.00").csv,
        Row(claim: "C3", type: "professional", from: "2024-01-20", allowed: "50.00").csv,
      ]).joined(separator: "\n").write(
        toFile: folder + "/claims.csv", atomically: true, encoding: .utf8)
    let two = try Self.explain(
      "M1", inputs: ["--definitions", folder, "--claims", folder + "/claims.csv"])
    let visit = Self.line(two, "C3")
    #expect(visit["episode_id"] as? String == "A-C1")
    let verdicts = visit["episodes"] as! [[String: Any]]
    #expect(verdicts.map { $0["episode_id"] as! String } == ["A-C1", "B-C2"])
    #expect(verdicts[1]["decision"] as? String == "taken_by")
    #expect(verdicts[1]["taken_by"] as? String == "A-C1")

    // With B cancelled when its trigger line is taken (the default), B-C2 is nested in A-C1.
    let b = contents(folder + "/B.json").replacingOccurrences(
      of: #""when_trigger_taken": "keep","#, with: "")
    try b.write(toFile: folder + "/B.json", atomically: true, encoding: .utf8)
    let nested = Self.episode(
      try Self.explain(
        "M1", inputs: ["--definitions", folder, "--claims", folder + "/claims.csv"]),
      "B-C2")
    #expect(nested["status"] as? String == "cancelled")
    #expect(nested["decided_by"] as? String == "nested")
    #expect(
      nested["reason"] as? String
        == "nested in episode A-C1, which counts its trigger claim (precedence)")
  }

  @Test("a cancellation with its evidence: M013's coverage ends in the window")
  func cancellation() throws {
    let json = try Self.explain("M013")
    let e = Self.episode(json, "LEJR-C1301")
    #expect(e["status"] as? String == "cancelled")
    // LEJR's second cancellation rule ($.cancel[1]) is coverage from 180 days before the
    // anchor; M013's only span ends 2024-08-31, inside the window (to 2024-10-07).
    #expect(e["decided_by"] as? String == "cancel[1]")
    #expect(e["decided_by_path"] as? String == "$.cancel[1]")
    #expect(
      e["reason"] as? String
        == "not enrolled from 180 days before the anchor through the episode: no coverage on 2024-09-01"
    )
  }

  @Test("a window ended by a death, with its evidence: M005")
  func death() throws {
    // M005 dies 2024-07-06 (the members file's death date, and discharge status 20 on C502 that
    // day), after the anchor (06-03 to 06-05): the window, 06-05 + 89 = 09-02, ends 07-06
    // instead; the members file wins the tie of the two sources.
    let e = Self.episode(try Self.explain("M005"), "LEJR-C501")
    let window = e["window"] as! [String: Any]
    #expect(window["end"] as? String == "2024-07-06")
    #expect(
      window["changes"] as? [String] == [
        "ended 2024-07-06 by a death after the anchor, the members file's death date "
          + "($.windows.post_anchor.ends_at_death)"
      ])
    #expect(e["status"] as? String == "complete")
  }

  @Test("set-aside claim versions and lines that are not positive are accounted for")
  func setAsideAndNotPositive() throws {
    let folder = try temporaryFolder()
    // C1 is replaced by C1R; C2 is an outpatient line of 0.00; C3 is the trigger stay.
    try """
    claim_id,line,member_id,claim_type,from_date,drg,allowed_amount,adjustment_type,replaces_claim_id
    C3,1,M1,inpatient,2024-03-01,470,1000.00,,
    C1,1,M1,professional,2024-03-02,,80.00,,
    C1R,1,M1,professional,2024-03-02,,90.00,replacement,C1
    C2,1,M1,outpatient,2024-03-03,,0.00,,
    C9,1,M2,professional,2024-06-30,,10.00,,

    """.write(toFile: folder + "/claims.csv", atomically: true, encoding: .utf8)
    let json = try Self.explain(
      "M1",
      inputs: [
        "--definitions", packagePath("EpisodeDefinitions/LEJR.json"), "--claims",
        folder + "/claims.csv",
      ])
    #expect(Self.line(json, "C1")["disposition"] as? String == "set_aside")
    #expect(
      Self.line(json, "C1")["why"] as? String
        == "set aside: claim C1 is superseded by claim C1R")
    #expect(Self.line(json, "C2")["disposition"] as? String == "not_positive")
    #expect(Self.line(json, "C1R")["episode_id"] as? String == "LEJR-C3")
    // The data's last date is the whole file's: M2's 2024-06-30.
    #expect(json["data_through"] as? String == "2024-06-30")
    // 4 lines read = 2 assigned (C3, C1R) + 2 unassigned (C1 set aside, C2 not positive);
    // 1170.00 read = 1090.00 assigned + 80.00 unassigned.
    let totals = json["totals"] as! [String: Any]
    #expect(
      totals["lines"] as? [String: Int] == [
        "read": 4, "assigned": 2, "unassigned": 2, "set_aside": 1, "not_positive": 1,
      ])
    let dollars = totals["dollars"] as! [String: Any]
    #expect(Self.money(dollars["read"]) == "1170.00")
    #expect(Self.money(dollars["assigned"]) == "1090.00")
    #expect(Self.money(dollars["unassigned"]) == "80.00")
  }

  @Test("--claim explains one claim; unknown members and claims are located errors")
  func errors() throws {
    let one = try Self.explain("M001", ["--claim", "C103"])
    #expect(Self.lines(one).map { $0["claim_id"] as! String } == ["C103"])
    let claims = packagePath("SampleClaims/claims.csv")
    let unknown = runCLI(["explain"] + Self.sample + ["--member", "M0001"])
    #expect(unknown.code == .noInput)
    #expect(
      unknown.stderr
        == "\(claims): error: member_id: no claim line of member 'M0001' in the claims (did you mean 'M001'?)\n"
    )
    let other = runCLI(["explain"] + Self.sample + ["--member", "M003", "--claim", "C101"])
    #expect(other.code == .noInput)
    #expect(
      other.stderr
        == "\(claims): error: claim_id: claim 'C101' is member M001's, not M003's; the member's claims are C301, C302, C303\n"
    )
    let none = runCLI(["explain"] + Self.sample + ["--member", "M003", "--claim", "X9"])
    #expect(
      none.stderr
        == "\(claims): error: claim_id: member M003 has no claim 'X9'; the member's claims are C301, C302, C303\n"
    )
    let missing = runCLI(["explain"] + Self.sample)
    #expect(missing.code == .usage)
    #expect(
      missing.stderr
        == "grouper explain: error: missing --member <id> (see 'grouper explain --help')\n")
    let badDate = runCLI(
      ["explain"] + Self.sample + ["--member", "M001", "--through", "2024-13-01"])
    #expect(badDate.code == .usage)
    #expect(
      badDate.stderr
        == "grouper explain: error: --through must be a date YYYY-MM-DD, found '2024-13-01'\n")
    let empty = runCLI(["explain"] + Self.sample + ["--member", ""])
    #expect(empty.code == .usage)
    #expect(empty.stderr == "grouper explain: error: --member must not be empty\n")
    let help = runCLI(["explain", "--help"])
    #expect(help.code == .success)
    #expect(help.stdout.contains("USAGE: grouper explain --definitions <path> --claims <path>"))
  }

  @Test("the README quotes the golden explanation of M003 whole")
  func readmeQuote() {
    let text = contents(packagePath("Tests/EpisodeGrouperTests/Golden/explain/M003.txt"))
    #expect(!text.isEmpty)
    #expect(contents(packagePath("README.md")).contains("```\n" + text + "```\n"))
  }

  @Test("golden text and JSON of sample member M003")
  func golden() throws {
    for (name, extra) in [("explain/M003.txt", [String]()), ("explain/M003.json", ["--json"])] {
      let r = runCLI(["explain"] + Self.sample + ["--member", "M003"] + extra)
      #expect(r.code == .success)
      // Paths are shown as given; the golden files hold them relative to the package.
      expectGolden(r.stdout.replacingOccurrences(of: packageRoot + "/", with: ""), name)
    }
  }
}
