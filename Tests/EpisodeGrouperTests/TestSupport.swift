import Foundation
import Testing

@testable import GrouperCommands
@testable import GrouperCore
@testable import GrouperImport
@testable import GrouperReaders
@testable import GrouperSupport

/// The package root, found from this file's path (Tests/EpisodeGrouperTests/TestSupport.swift).
let packageRoot: String = {
  var url = URL(fileURLWithPath: #filePath)
  for _ in 0..<3 { url.deleteLastPathComponent() }
  return url.path
}()

/// A path inside the package.
func packagePath(_ relative: String) -> String {
  (packageRoot as NSString).appendingPathComponent(relative)
}

/// The native header used by the inline claim tables of the tests.
let claimHeader =
  "claim_id,line,member_id,payer_id,claim_type,from_date,thru_date,admit_date,discharge_date,billing_provider,"
  + "rendering_provider,drg,principal_dx,dx,px,hcpcs,modifiers,revenue_code,place_of_service,discharge_status,allowed_amount"

/// Reads claim rows given as CSV text (header included) from memory.
func readClaims(_ text: String, chunk: Int = .max, defaultPayer: String = "default") throws
  -> ClaimReadResult
{
  var reader = CSVReader(
    source: MemoryByteSource(Array(text.utf8), chunk: chunk), name: "claims.csv", chunkSize: 64)
  return try NativeClaimReader(path: "claims.csv", defaultPayer: defaultPayer).read(&reader)
}

/// A short way to write one claim line of a test: only the fields a test cares about.
struct Row {
  var claim: String
  var line = 1
  var member = "M1"
  var payer = ""
  var type = "inpatient"
  var from: String
  var thru = ""
  var admit = ""
  var discharge = ""
  var billing = ""
  var rendering = ""
  var drg = ""
  var principal = ""
  var dx = ""
  var px = ""
  var hcpcs = ""
  var modifiers = ""
  var revenue = ""
  var pos = ""
  var status = ""
  var allowed = "100.00"

  var csv: String {
    [
      claim, String(line), member, payer, type, from, thru, admit, discharge, billing, rendering,
      drg, principal, dx, px,
      hcpcs, modifiers, revenue, pos, status, allowed,
    ].joined(separator: ",")
  }
}

/// Reads rows that must all be valid.
func store(_ rows: [Row]) throws -> ClaimStore {
  let result = try readClaims(([claimHeader] + rows.map(\.csv)).joined(separator: "\n") + "\n")
  #expect(
    result.rejections.isEmpty,
    "test rows rejected: \(result.rejections.map(\.diagnostic.description))")
  return result.store
}

/// Parses a definition from JSON text, as if read from `test.json` in the package's definitions folder.
func definition(_ json: String, file: String = "EpisodeDefinitions/test.json") throws
  -> EpisodeDefinition
{
  try DefinitionLoader.parse(Array(json.utf8), file: packagePath(file))
}

/// A minimal definition: inpatient DRG 470 triggers, the stay anchors, 90 days counted from the
/// discharge day as day 1, everything included; `extra` adds or replaces top-level fields.
func simpleDefinition(id: String = "T", _ extra: [String: String] = [:]) throws -> EpisodeDefinition
{
  var fields: [String: String] = [
    "id": "\"\(id)\"", "name": "\"Test\"", "version": "\"1\"",
    "trigger": #"{"all": [{"claim_type": "inpatient"}, {"field": "drg", "in": ["470"]}]}"#,
    "anchor": #""stay""#,
    "windows": #"{"post_anchor": {"days": 90, "day_one": "anchor_end"}}"#,
    "include":
      #"[{"id": "anchor", "category": "anchor", "when": {"trigger_claim": true}}, {"id": "all", "category": "other"}]"#,
  ]
  for (k, v) in extra { fields[k] = v }
  let body = fields.keys.sorted().map { "\"\($0)\": \(fields[$0]!)" }.joined(separator: ",\n")
  return try definition("{\n\(body)\n}")
}

/// Groups rows under definitions and returns the result.
func group(
  _ rows: [Row], _ definitions: [EpisodeDefinition], members: [String: Member]? = nil,
  through: String? = nil, jobs: Int = 1
) throws -> GroupingResult {
  Grouper(
    definitions: definitions, members: members, through: through.map { Day(iso: $0)! }, jobs: jobs
  ).run(try store(rows))
}

extension GroupingResult {
  /// The episode with this id.
  func episode(_ id: String) -> Episode? {
    episodes.first { self.episodeID($0) == id }
  }

  /// The ids of all episodes, in output order.
  var episodeIDs: [String] { episodes.map { self.episodeID($0) } }

  /// The (claim id, allocated amount) of each line counted in an episode.
  func lines(of id: String) -> [(String, String)] {
    guard let index = episodes.firstIndex(where: { self.episodeID($0) == id })
    else { return [] }
    return assignments.filter { $0.episode == index }.map {
      (store.claims.string(store.lines[$0.line].claim), $0.allocated.description)
    }
  }

  /// The category of each line counted in an episode, by claim id.
  func categories(of id: String) -> [String: String] {
    guard let index = episodes.firstIndex(where: { self.episodeID($0) == id })
    else { return [:] }
    var out: [String: String] = [:]
    for a in assignments where a.episode == index {
      out[store.claims.string(store.lines[a.line].claim)] =
        definitions[episodes[index].definition].include[a.rule].category
    }
    return out
  }
}

/// A fresh temporary folder for a test.
func temporaryFolder() throws -> String {
  let path = (NSTemporaryDirectory() as NSString).appendingPathComponent(
    "grouper-tests-\(UUID().uuidString)")
  try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

/// Runs the CLI in process; returns the status and what it wrote.
func runCLI(_ arguments: [String]) -> (code: ExitCode, stdout: String, stderr: String) {
  let out = TextBuffer()
  let err = TextBuffer()
  let code = GrouperCLI.run(arguments, stdout: out, stderr: err)
  return (code, out.text, err.text)
}

/// The text of a file, or "" when missing.
func contents(_ path: String) -> String {
  (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
}

/// A CSV file as rows of column name → value.
func csvTable(_ path: String) throws -> [[String: String]] {
  var reader = try CSVReader(path: path)
  var header: [String] = []
  var rows: [[String: String]] = []
  try reader.forEachRecord { record in
    if header.isEmpty {
      header = record.strings
    } else {
      rows.append(Dictionary(uniqueKeysWithValues: zip(header, record.strings)))
    }
  }
  return rows
}

/// The grouper's input location (Swift Testing has a `SourceLocation` of its own).
typealias SourceLocation = GrouperSupport.SourceLocation
