import Foundation
import GrouperCore
import GrouperReaders
import GrouperSupport

/// `grouper explain`: groups one member's claim lines as `group` does, with the engine's trace
/// on, and says for each line what the engine decided and why.
struct ExplainCommand: GrouperCommand {
  static let spec = CommandSpec(
    name: "explain",
    abstract: "Say why each claim line of one member landed where it did.",
    discussion: """
      Reads the claims (and members) as 'group' does, resolves claim versions over the whole
      file, then groups the lines of --member alone, with the data's last date of the whole file
      (the latest from_date read, or --through), so its figures equal those 'group' writes in
      episodes.csv and episode_claims.csv. The engine records each decision as it makes it; the
      explanation is that record, not a second grouping.

      For each episode of the member: the definition (id, version, file), the trigger line and
      the code tests it passed, the anchor (with transfer stays merged), the window and how its
      days are numbered, the status and what decided it (a cancellation rule by its JSON path,
      with the evidence; an overlap; a repeat trigger). For each claim line read for the member
      (or for --claim): its disposition (assigned, unassigned, set aside as a superseded or
      reversed claim version, or never grouped as not positive) and, for each episode whose
      window holds it, its period and day, the exclusion or inclusion rule that decided (id,
      reason or category, the codes that matched), the proration arithmetic of a line ending
      after the window, and which episode took it first when several could.

      Days: the window's day 1 is its first day; the anchor's day 1 is its first day; the
      post-anchor period's day 1 is the anchor's last day (day_one anchor_end) or the day after
      it (day_one day_after_anchor_end), as the definition's windows.post_anchor.day_one says.

      --json writes the same as one JSON object (see README.md, 'grouper explain').
      Exit status: 0 success, 64 bad usage, 65 bad input, 66 missing input or a member (or a
      claim of it) that the claims do not hold.
      """,
    options: [
      OptionSpec(
        "definitions", value: "path", required: true,
        help: "A folder of definition files, or one file."),
      OptionSpec(
        "claims", value: "path", required: true,
        help: "Claims: native CSV, RIF folder or file, FHIR, or an extract; - reads stdin."),
      ClaimFormatOption.spec,
      OptionSpec(
        "members", value: "file", help: "Members file: birth, sex, death and coverage spans."),
      OptionSpec(
        "member", value: "id", required: true, help: "The member whose claim lines to explain."),
      OptionSpec("claim", value: "id", help: "Explain only the lines of this claim of the member."),
      OptionSpec(
        "through", value: "date",
        help: "The data's last date (default: the latest from_date of the whole file)."),
      AmountBasisOption.spec,
      DateRangeOption.spec,
      DefaultPayerOption.spec,
      OptionSpec("skip-invalid", help: "Leave malformed rows out and go on, as group does."),
      OptionSpec("json", help: "Write the explanation as JSON."),
    ])

  let definitionsPath: String
  let claimsPath: String
  let format: ClaimFormatOption
  let membersPath: String?
  let member: String
  let claim: String?
  let through: Day?
  let amountBasis: AmountBasis
  let dates: DateBounds
  let defaultPayer: String
  let skipInvalid: Bool
  let json: Bool

  init(_ arguments: ParsedArguments) throws {
    let name = Self.spec.name
    definitionsPath = arguments.value("definitions")!
    claimsPath = arguments.value("claims")!
    format = try ClaimFormatOption(arguments, command: name)
    membersPath = arguments.value("members")
    member = arguments.value("member")!
    guard !member.isEmpty else { throw Diagnostic.usage(name, .emptyOption("member")) }
    claim = arguments.value("claim")
    if claim?.isEmpty == true { throw Diagnostic.usage(name, .emptyOption("claim")) }
    through = try arguments.day("through", command: name)
    amountBasis = try AmountBasisOption.parse(arguments, command: name)
    dates = try DateRangeOption.parse(arguments, command: name)
    defaultPayer = try DefaultPayerOption.parse(arguments, command: name)
    skipInvalid = arguments.flag("skip-invalid")
    json = arguments.flag("json")
  }

  func run(stdout: TextSink, stderr: TextSink) throws {
    let definitions = try GroupCommand.loadDefinitions(definitionsPath)
    let input = try format.read(
      claimsPath, defaultPayer: defaultPayer, dates: dates, stderr: stderr, quiet: true)
    var members = input.members
    if let membersPath {
      members = try readMembers(membersPath, dates: dates)
    }
    let rejections = input.claims.rejections + (members?.rejections ?? [])
    if !rejections.isEmpty && !skipInvalid { throw GroupCommand.rejected(rejections) }
    let explanation = try Self.explain(
      member: member, claim: claim, claimsFile: claimsPath, store: input.claims.store,
      definitions: definitions, members: members, through: through, amountBasis: amountBasis)
    stdout.write(json ? explanation.json : explanation.text)
  }

  /// Groups `member`'s lines of `store` as `group` groups the whole store, with the trace on, and
  /// explains them; throws a missing-input diagnostic for a member (or claim of it) the store
  /// does not hold.
  static func explain(
    member: String, claim: String?, claimsFile: String, store whole: ClaimStore,
    definitions: [EpisodeDefinition], members: MembersFile?, through: Day?,
    amountBasis: AmountBasis
  ) throws -> Explanation {
    guard let m = whole.members.lookup(member),
      whole.lines.contains(where: { $0.member == m })
    else {
      var ids: [String] = []
      for id in 0..<UInt32(whole.members.count) { ids.append(whole.members.string(id)) }
      throw Diagnostic(
        at: SourceLocation(file: claimsFile, field: "member_id"),
        .explainUnknownMember(member, nearest: nearest(member, in: ids)))
    }
    var store = whole
    _ = store.useAmounts(amountBasis)
    // Versions are resolved over the whole file, as `group` resolves them.
    let (resolved, _) = ClaimVersions.resolve(store)
    var read = store
    read.lines.removeAll { $0.member != m }
    var mine = resolved
    mine.lines.removeAll { $0.member != m }
    if let claim {
      let c = store.claims.lookup(claim)
      guard let c, read.lines.contains(where: { $0.claim == c }) else {
        let owner = c.flatMap { c in store.lines.first { $0.claim == c } }.map {
          store.members.string($0.member)
        }
        var claims: [String] = []
        for line in read.lines where !claims.contains(store.claims.string(line.claim)) {
          claims.append(store.claims.string(line.claim))
        }
        throw Diagnostic(
          at: SourceLocation(file: claimsFile, field: "claim_id"),
          .explainUnknownClaim(claim, member: member, owner: owner, claims: claims.sorted()))
      }
    }
    let lastDay = through ?? whole.latestFrom ?? Day(ordinal: 0)
    var grouper = Grouper(
      definitions: definitions, members: members?.members, through: lastDay, jobs: 1)
    grouper.coverageKnownFrom = members?.coverageKnownFrom
    let trace = GroupingTrace()
    let result = grouper.run(mine, trace: trace)
    return Explanation(
      member: member, claim: claim, throughGiven: through != nil, result: result,
      events: trace.events, read: read, whole: store)
  }
}
