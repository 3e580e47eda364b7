import Foundation
import Testing

@testable import GrouperCommands
@testable import GrouperSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The output folder is one unit: a run replaces the whole set or changes nothing, a second run
/// into a folder in use is refused, and what killed or interrupted runs leave is cleaned up.
@Suite("The output folder")
struct OutputFolderTests {
  /// The sample run's arguments into `out`, with `extra` options.
  static func sample(_ out: String, _ extra: [String] = []) -> [String] {
    [
      "group", "--definitions", packagePath("EpisodeDefinitions"), "--claims",
      packagePath("SampleClaims/claims.csv"), "--members", packagePath("SampleClaims/members.csv"),
      "--out", out, "--quiet",
    ] + extra
  }

  /// The sample prices and quality scores.
  static let prices = [
    "--prices", packagePath("EpisodeDefinitions/prices/sample_prices.json"), "--quality",
    packagePath("EpisodeDefinitions/prices/sample_quality.csv"),
  ]

  /// The names in a folder, hidden ones included, sorted.
  static func names(_ folder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
  }

  /// Every file of a folder with its text.
  static func snapshot(_ folder: String) -> [String: String] {
    Dictionary(uniqueKeysWithValues: names(folder).map { ($0, contents(folder + "/" + $0)) })
  }

  /// Staging folders beside `folder` (`.NAME.grouper-new.PID`).
  static func leftovers(beside folder: String) -> [String] {
    let name = (folder as NSString).lastPathComponent
    return names(parentPath(folder)).filter { $0.hasPrefix(".\(name).grouper-new.") }
  }

  /// The id of a process that has ended.
  static func deadPID() throws -> Int32 {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", "exit 0"]
    try p.run()
    p.waitUntilExit()
    return p.processIdentifier
  }

  @Test("a run without --prices after a priced run removes the pricing files and keeps the user's")
  func ownedNamesNotWrittenAreRemoved() throws {
    let out = try temporaryFolder() + "/run"
    #expect(runCLI(Self.sample(out, Self.prices)).code == .success)
    #expect(Self.names(out).contains("pricing.csv"))
    try "my notes".write(toFile: out + "/notes.txt", atomically: false, encoding: .utf8)
    #expect(runCLI(Self.sample(out)).code == .success)
    #expect(
      Self.names(out) == [
        "episode_claims.csv", "episodes.csv", "excluded_claims.csv", "notes.txt", "rejected.csv",
        "summary.json",
      ])
    #expect(contents(out + "/notes.txt") == "my notes")
    #expect(!contents(out + "/summary.json").contains("\"pricing\""))
    #expect(Self.leftovers(beside: out).isEmpty)
  }

  @Test("a run into a folder another run holds exits 75 and changes nothing")
  func busyFolderIsRefused() throws {
    let out = try temporaryFolder() + "/run"
    #expect(runCLI(Self.sample(out)).code == .success)
    let before = Self.snapshot(out)
    // Hold the folder as a run does; flock locks of two opens conflict even in one process.
    let holder = try RunOutputs.open(out)
    let refused = runCLI(Self.sample(out, Self.prices))
    #expect(refused.code == .temporaryFailure)
    #expect(refused.code.rawValue == 75)
    #expect(
      refused.stderr
        == "\(out): error: the output folder is in use by another grouper run (pid \(getpid())); "
        + "wait for it to finish or give another folder\n")
    holder.discard()
    #expect(Self.snapshot(out) == before)
    #expect(Self.leftovers(beside: out).isEmpty)
    // Once released, the folder takes a run. Other tests of this process start children: one
    // forked at the moment the lock was closed shares it until its exec closes the descriptor,
    // so a refusal in that instant is retried.
    var again = runCLI(Self.sample(out))
    for _ in 0..<20 where again.code == .temporaryFailure {
      usleep(50_000)
      again = runCLI(Self.sample(out))
    }
    #expect(again.code == .success)
  }

  @Test(
    "two runs started together into one folder: one is refused or both finish, never a mix",
    .enabled(if: BinaryTests.executable != nil, "the grouper executable is built beside the tests"))
  func concurrentRuns() throws {
    let out = try temporaryFolder() + "/run"
    // Two different runs, so a mix shows: all five definitions priced, or LEJR alone unpriced.
    let all = Self.sample(out, Self.prices)
    let lejr = [
      "group", "--definitions", packagePath("EpisodeDefinitions/LEJR.json"), "--claims",
      packagePath("SampleClaims/claims.csv"), "--out", out, "--quiet",
    ]
    for _ in 0..<4 {
      let processes = [all, lejr].map { arguments in
        let p = Process()
        p.executableURL = URL(fileURLWithPath: BinaryTests.executable!)
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        return p
      }
      for p in processes { try p.run() }
      for p in processes { p.waitUntilExit() }
      let codes = processes.map(\.terminationStatus)
      #expect(codes.allSatisfy { $0 == 0 || $0 == 75 } && codes.contains(0), "\(codes)")
      try Self.expectConsistent(out)
    }
    #expect(Self.leftovers(beside: out).isEmpty)
  }

  /// Checks that a run folder holds one run's set: every episode of episode_claims.csv is in
  /// episodes.csv, the summary counts the episodes, and pricing files are there exactly when
  /// the summary has a pricing member.
  static func expectConsistent(_ out: String) throws {
    let episodes = try csvTable(out + "/episodes.csv")
    let ids = Set(episodes.map { $0["episode_id"]! })
    let claimed = Set(try csvTable(out + "/episode_claims.csv").map { $0["episode_id"]! })
    #expect(claimed.isSubset(of: ids))
    let summary =
      try JSONSerialization.jsonObject(with: Data(contents(out + "/summary.json").utf8))
      as! [String: Any]
    #expect((summary["episodes"] as! [String: Any])["total"] as? Int == episodes.count)
    let definitions = Set(episodes.map { $0["definition_id"]! })
    let named = Set((summary["definitions"] as! [[String: Any]]).map { $0["id"] as! String })
    #expect(definitions.isSubset(of: named))
    let priced = summary["pricing"] != nil
    for name in ["pricing.csv", "providers.csv", "payers.csv"] {
      #expect(FileManager.default.fileExists(atPath: out + "/" + name) == priced, "\(name)")
    }
    if priced {
      let pricedIDs = Set(try csvTable(out + "/pricing.csv").map { $0["episode_id"]! })
      #expect(pricedIDs.isSubset(of: ids))
    }
  }

  @Test("a folder where an output file belongs stops the run before anything changes")
  func blockedName() throws {
    let out = try temporaryFolder() + "/run"
    #expect(runCLI(Self.sample(out, Self.prices)).code == .success)
    try FileManager.default.removeItem(atPath: out + "/payers.csv")
    try FileManager.default.createDirectory(
      atPath: out + "/payers.csv", withIntermediateDirectories: false)
    let before = Self.snapshot(out)
    let r = runCLI(Self.sample(out, Self.prices))
    #expect(r.code == .cannotCreate)
    #expect(
      r.stderr
        == "\(out)/payers.csv: error: a folder is where an output file belongs; move it away "
        + "(nothing was written)\n")
    #expect(Self.snapshot(out) == before)
    #expect(Self.leftovers(beside: out).isEmpty)
  }

  @Test("a subfolder grouper did not write stops the run: the folder is not an output folder")
  func foreignSubfolder() throws {
    let out = try temporaryFolder()
    try FileManager.default.createDirectory(
      atPath: out + "/archive", withIntermediateDirectories: false)
    let r = runCLI(Self.sample(out))
    #expect(r.code == .cannotCreate)
    #expect(
      r.stderr
        == "\(out)/archive: error: the output folder holds a subfolder grouper did not write; "
        + "give a folder of grouper's own (nothing was written)\n")
    #expect(Self.names(out) == ["archive"])
  }

  @Test("a failed run leaves no folder it created")
  func failedRunCreatesNothing() throws {
    let out = try temporaryFolder() + "/new"
    let r = runCLI([
      "group", "--definitions", packagePath("EpisodeDefinitions"), "--claims", "/no/such.csv",
      "--out", out,
    ])
    #expect(r.code == .noInput)
    #expect(!FileManager.default.fileExists(atPath: out))
    #expect(Self.leftovers(beside: out).isEmpty)
  }

  @Test("the next run removes a dead run's staging folder and temporary files")
  func staleLeftoversAreRemoved() throws {
    let out = try temporaryFolder() + "/run"
    #expect(runCLI(Self.sample(out)).code == .success)
    let dead = try Self.deadPID()
    let staging = parentPath(out) + "/.run.grouper-new.\(dead)"
    try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: false)
    try "half".write(toFile: staging + "/episodes.csv", atomically: false, encoding: .utf8)
    // What the earlier design left inside the folder: `.NAME.PID.tmp`.
    try "half".write(
      toFile: out + "/.episodes.csv.\(dead).tmp", atomically: false, encoding: .utf8)
    #expect(runCLI(Self.sample(out)).code == .success)
    #expect(!FileManager.default.fileExists(atPath: staging))
    #expect(!Self.names(out).contains(".episodes.csv.\(dead).tmp"))
    #expect(Self.leftovers(beside: out).isEmpty)
  }

  @Test("convert removes a dead run's temporary file for the same output")
  func staleStagedFileIsRemoved() throws {
    let folder = try temporaryFolder()
    let dead = try Self.deadPID()
    let stale = folder + "/.native.csv.\(dead).tmp"
    try "half".write(toFile: stale, atomically: false, encoding: .utf8)
    let r = runCLI([
      "convert", "--claims", packagePath("SampleClaims/claims.csv"), "--out",
      folder + "/native.csv", "--quiet",
    ])
    #expect(r.code == .success)
    #expect(Self.names(folder) == ["native.csv"])
  }

  /// A synthetic input big enough that a run is still reading when it is signalled.
  static let largeInput: (claims: String, members: String) = {
    let folder = try! temporaryFolder()
    let claims = folder + "/claims.csv"
    let members = folder + "/members.csv"
    _ = runCLI([
      "synth", "--members", "600", "--seed", "3", "--out", claims, "--members-out", members,
      "--quiet",
    ])
    return (claims, members)
  }()

  /// Starts the binary grouping the large input into `out` and waits until its staging folder
  /// exists, so the run is under way.
  static func startLargeRun(into out: String) throws -> Process {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: BinaryTests.executable!)
    p.arguments = [
      "group", "--definitions", packagePath("EpisodeDefinitions"), "--claims",
      largeInput.claims, "--members", largeInput.members, "--out", out, "--quiet",
    ]
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    let staging = parentPath(out) + "/.run.grouper-new.\(p.processIdentifier)"
    let clock = ContinuousClock.now
    while !FileManager.default.fileExists(atPath: staging) && p.isRunning
      && ContinuousClock.now - clock < .seconds(5)
    {
      usleep(2000)
    }
    return p
  }

  @Test(
    "SIGKILL while writing leaves the old set; the next run removes the staging folder",
    .enabled(if: BinaryTests.executable != nil, "the grouper executable is built beside the tests"))
  func killedRun() throws {
    let out = try temporaryFolder() + "/run"
    #expect(runCLI(Self.sample(out)).code == .success)
    let before = Self.snapshot(out)
    let p = try Self.startLargeRun(into: out)
    kill(p.processIdentifier, SIGKILL)
    p.waitUntilExit()
    #expect(p.terminationReason == .uncaughtSignal)
    #expect(Self.snapshot(out) == before)
    #expect(Self.leftovers(beside: out) == [".run.grouper-new.\(p.processIdentifier)"])
    #expect(runCLI(Self.sample(out)).code == .success)
    #expect(Self.leftovers(beside: out).isEmpty)
    #expect(Self.snapshot(out) == before)
  }

  @Test(
    "SIGINT and SIGTERM discard what was staged and exit 128 + the signal",
    .enabled(if: BinaryTests.executable != nil, "the grouper executable is built beside the tests"),
    arguments: zip([SIGINT, SIGTERM], [Int32(130), 143]))
  func interruptedRun(signal: Int32, status: Int32) throws {
    let out = try temporaryFolder() + "/run"
    #expect(runCLI(Self.sample(out)).code == .success)
    let before = Self.snapshot(out)
    let p = try Self.startLargeRun(into: out)
    kill(p.processIdentifier, signal)
    p.waitUntilExit()
    #expect(p.terminationReason == .exit)
    #expect(p.terminationStatus == status)
    #expect(Self.snapshot(out) == before)
    #expect(Self.leftovers(beside: out).isEmpty)
  }

  @Test("the output folder may not hold the current folder: it is replaced as a whole")
  func currentFolderIsRefused() throws {
    let cwd = FileManager.default.currentDirectoryPath
    #expect(throws: Diagnostic.self) {
      _ = try OutputFolder(path: cwd, owns: { _ in false })
    }
  }
}
