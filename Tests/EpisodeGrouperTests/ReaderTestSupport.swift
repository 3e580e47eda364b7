import Foundation
import Testing

@testable import GrouperCore
@testable import GrouperSupport

/// The shared reference data: `../shared/reference/` beside the package root.
///
/// Tests that read it carry ``required(_:)``: they are enabled when the folder is there; when it
/// is not, Swift Testing lists them as skipped, except under CI (`CI=true`), where they fail
/// with a message naming the folder, so a CI run never passes without them.
enum SharedReference {
  /// Whether the tests run under CI, where missing reference data is a failure, not a skip.
  static var underCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

  /// The reason a test fails under CI when its reference data is missing.
  struct Missing: Error, CustomStringConvertible {
    /// The folder or file under `../shared/reference`.
    let relative: String
    /// The message, naming the path and how to provide it.
    var description: String {
      "../shared/reference/\(relative) is not present, and CI=true requires it: put the shared "
        + "reference data beside the package (or unset CI to skip these tests)"
    }
  }

  /// The trait of a test or suite that reads `../shared/reference/<relative>`: skipped when it
  /// is missing, failed when it is missing under CI.
  static func required(_ relative: String) -> ConditionTrait {
    .enabled(
      if: try available(relative, underCI: underCI),
      "../shared/reference/\(relative) is not present")
  }

  /// Whether `relative` is there; when it is not, false, or under CI a thrown ``Missing``.
  static func available(_ relative: String, underCI: Bool) throws -> Bool {
    if has(relative) { return true }
    if underCI { throw Missing(relative: relative) }
    return false
  }

  /// `../shared/reference` from the package root.
  static let root = TestPaths.packageRoot.deletingLastPathComponent().appendingPathComponent(
    "shared/reference")

  /// The path of a file or folder under `../shared/reference`.
  static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

  /// Whether a file or folder under `../shared/reference` exists.
  static func has(_ relative: String) -> Bool {
    FileManager.default.fileExists(atPath: path(relative))
  }

  /// The files of a folder under `../shared/reference`, sorted, without the licence.
  static func files(_ relative: String) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: path(relative))) ?? []
    return names.filter { $0 != "LICENSE" && !$0.hasPrefix(".") }.sorted().map {
      path("\(relative)/\($0)")
    }
  }
}

/// Paths of the package and its test fixtures.
enum TestPaths {
  /// The package root (this file is Tests/EpisodeGrouperTests/TestSupport.swift).
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent()

  /// A path relative to the package root.
  static func path(_ relative: String) -> String {
    packageRoot.appendingPathComponent(relative).path
  }

  /// A fixture folder or file under Tests/EpisodeGrouperTests/Fixtures.
  static func fixture(_ relative: String) -> String {
    path("Tests/EpisodeGrouperTests/Fixtures/\(relative)")
  }
}

/// A folder under the system's temporary folder, removed when the value is released.
final class TemporaryFolder {
  /// The folder's path.
  let path: String

  init() throws {
    path = (NSTemporaryDirectory() as NSString).appendingPathComponent(
      "grouper-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  /// The path of an entry of the folder.
  func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

  /// Writes a text file into the folder and returns its path.
  @discardableResult
  func write(_ name: String, _ text: String) throws -> String {
    let file = self.file(name)
    try FileManager.default.createDirectory(
      atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: URL(fileURLWithPath: file))
    return file
  }
}

/// An amount written as dollars, for expectations.
func dollars(_ text: String) -> Cents {
  guard case .success(let c) = Cents.parse(text) else { fatalError("not an amount: \(text)") }
  return c
}

/// A day written `YYYY-MM-DD`, for expectations.
func day(_ text: String) -> Day {
  guard let d = Day(iso: text) else { fatalError("not a date: \(text)") }
  return d
}

/// A claim line's fields as text, so expectations read like the native CSV.
struct LineView: Equatable, CustomStringConvertible {
  var claim: String
  var line: UInt32
  var member: String
  var type: String
  var from: String
  var thru: String
  var admit: String
  var discharge: String
  var billing: String
  var rendering: String
  var drg: String
  var principal: String
  var dx: [String]
  var px: [String]
  var hcpcs: String
  var modifiers: [String]
  var revenue: String
  var placeOfService: String
  var status: String
  var allowed: String
  var paid: String

  var description: String {
    "\(claim)#\(line) \(member) \(type) \(from)..\(thru) allowed \(allowed)"
  }
}

extension ClaimStore {
  /// Every line as text, in store order.
  var views: [LineView] {
    lines.map { l in
      LineView(
        claim: claims.string(l.claim), line: l.line, member: members.string(l.member),
        type: l.type.name,
        from: l.from.description, thru: l.thru.description, admit: l.admit.description,
        discharge: l.discharge.description, billing: code(l.billingProvider, .provider),
        rendering: code(l.renderingProvider, .provider), drg: code(l.drg, .msDRG),
        principal: code(l.principalDx, .icd10CM),
        dx: codes(l.dx).map { code($0, .icd10CM) }, px: codes(l.px).map { code($0, .icd10PCS) },
        hcpcs: code(l.hcpcs, .hcpcs), modifiers: codes(l.modifiers).map { code($0, .modifier) },
        revenue: code(l.revenueCode, .revenueCode),
        placeOfService: code(l.placeOfService, .placeOfService),
        status: code(l.dischargeStatus, .dischargeStatus), allowed: l.allowed.description,
        paid: l.paid.description)
    }
  }

  /// The lines of one claim, as text, in store order.
  func views(ofClaim claim: String) -> [LineView] { views.filter { $0.claim == claim } }

  /// The allowed total of one claim's lines.
  func allowed(ofClaim claim: String) -> Cents {
    lines.filter { claims.string($0.claim) == claim }.reduce(Cents.zero) { $0 + $1.allowed }
  }

  /// The allowed total of every line.
  var allowedTotal: Cents { lines.reduce(Cents.zero) { $0 + $1.allowed } }
}
