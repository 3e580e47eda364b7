import Foundation
import Testing

@testable import GrouperSynthesis

/// Random and mutated inputs, made from a fixed seed and the project's own files.
struct Mutator {
  /// The generator; its seed fixes every input.
  var g: SplitMix64
  /// The files mutations start from.
  let seeds: [[UInt8]]

  /// Bytes worth inserting: what opens and closes strings, objects, arrays and records, and bytes
  /// that are not UTF-8 or are a byte-order mark.
  static let tokens: [[UInt8]] = [
    [34], [123], [125], [91], [93], [44], [58], [10], [13], [13, 10], [92], [92, 117], [0],
    [0xFF], [0xC3], [0xEF, 0xBB, 0xBF], Array("\"\"".utf8), Array("\\uD800".utf8),
    Array("{\"resource\": ".utf8), Array("\"entry\": [".utf8), Array("\"resourceType\"".utf8),
  ]

  /// The next input: random bytes one time in eight, otherwise up to four mutations of a window
  /// (at most `window` bytes) of a seed file.
  mutating func next(window: Int = 1_500) -> [UInt8] {
    if g.int(0...7) == 0 {
      return (0..<g.int(0...200)).map { _ in UInt8(truncatingIfNeeded: g.next()) }
    }
    let seed = g.pick(seeds)
    var bytes = seed
    if seed.count > window {
      let start = g.chance(0.5) ? 0 : g.int(0...(seed.count - window))
      bytes = Array(seed[start..<start + window])
    }
    for _ in 0..<g.int(1...4) { mutate(&bytes) }
    return bytes
  }

  /// One mutation: a bit flip, a random byte, a cut, an inserted token, a duplicated or deleted
  /// run of bytes.
  private mutating func mutate(_ bytes: inout [UInt8]) {
    let at = bytes.isEmpty ? 0 : g.int(0...(bytes.count - 1))
    switch g.int(0...5) {
    case 0 where !bytes.isEmpty: bytes[at] ^= 1 << UInt8(g.int(0...7))
    case 1 where !bytes.isEmpty: bytes[at] = UInt8(truncatingIfNeeded: g.next())
    case 2: bytes.removeLast(bytes.count - g.int(0...bytes.count))
    case 3: bytes.insert(contentsOf: g.pick(Self.tokens), at: g.int(0...bytes.count))
    case 4 where !bytes.isEmpty:
      let length = g.int(1...min(64, bytes.count - at))
      bytes.insert(contentsOf: bytes[at..<at + length], at: g.int(0...bytes.count))
    case 5 where !bytes.isEmpty:
      bytes.removeSubrange(at..<at + g.int(1...min(16, bytes.count - at)))
    default: bytes.append(g.pick(Self.tokens)[0])
    }
  }

  /// The bytes of files under the package, by path relative to its root.
  static func files(_ paths: [String]) -> [[UInt8]] {
    paths.compactMap { FileManager.default.contents(atPath: TestPaths.path($0)).map(Array.init) }
  }

  /// Every file in a folder of the package whose name ends with `suffix`.
  static func folder(_ relative: String, suffix: String) -> [String] {
    let names =
      (try? FileManager.default.contentsOfDirectory(atPath: TestPaths.path(relative))) ?? []
    return names.filter { $0.hasSuffix(suffix) }.sorted().map { "\(relative)/\($0)" }
  }
}

/// Writes an input for a failure report: printable ASCII as is, other bytes as \xNN.
func describeInput(_ bytes: [UInt8]) -> String {
  var s = ""
  for b in bytes.prefix(2_000) {
    if b >= 0x20 && b < 0x7F && b != UInt8(ascii: "\\") {
      s.unicodeScalars.append(Unicode.Scalar(b))
    } else {
      s += "\\x" + (b < 16 ? "0" : "") + String(b, radix: 16)
    }
  }
  return bytes.count > 2_000 ? s + "… (\(bytes.count) bytes)" : s
}

/// In-suite fuzzing: a fixed number of random and mutated inputs per parser, from fixed seeds,
/// checked against ``ParserProperties``. Longer runs use libFuzzer (Fuzz/README.md).
@Suite("Fuzzing the parsers")
struct FuzzTests {
  /// The test fixtures folder, from the package root.
  static let fixtures = "Tests/EpisodeGrouperTests/Fixtures"

  /// Checks `count` inputs from `seeds`; records the first few failures with their input.
  func fuzz(
    seed: UInt64, seeds: [[UInt8]], count: Int, window: Int = 1_500,
    _ check: ([UInt8], Int) throws -> Void
  ) {
    var m = Mutator(g: SplitMix64(seed: seed), seeds: seeds)
    var failures = 0
    for i in 0..<count {
      let input = m.next(window: window)
      let chunk = m.g.int(1...16)
      do {
        try check(input, chunk)
      } catch {
        failures += 1
        if failures <= 3 {
          Issue.record("input \(i) (chunk \(chunk)): \(error)\n  \(describeInput(input))")
        }
      }
    }
    #expect(failures == 0, "\(failures) of \(count) inputs broke a rule")
  }

  @Test("the CSV reader and the native claim reader on 2,000 random and mutated inputs")
  func csv() throws {
    let seeds = Mutator.files(
      ["SampleClaims/claims.csv", "SampleClaims/members.csv", "SampleClaims/extract-example.psv"]
        + Mutator.folder("\(Self.fixtures)/rif-lejr", suffix: ".csv")
        + ["EpisodeDefinitions/prices/sample_quality.csv"])
    try #require(seeds.count >= 10)
    fuzz(seed: 0xC5F, seeds: seeds, count: 2_000, window: 600) {
      try ParserProperties.checkCSV($0, smallChunk: $1)
    }
  }

  @Test("the JSON parser on 2,000 random and mutated inputs")
  func json() throws {
    let corpus = Mutator.folder("\(Self.fixtures)/json-corpus/pass", suffix: ".json")
    let seeds =
      Mutator.files(
        Mutator.folder("EpisodeDefinitions", suffix: ".json")
          + ["EpisodeDefinitions/prices/sample_prices.json", "SampleClaims/mapping-example.json"]
          + corpus)
      + ndjsonLines()
    try #require(seeds.count >= 20)
    fuzz(seed: 0x750, seeds: seeds, count: 2_000) { bytes, _ in
      try ParserProperties.checkJSON(bytes)
    }
  }

  @Test("the FHIR Bundle stream and reader on 2,000 random and mutated inputs")
  func fhir() throws {
    let lines = ndjsonLines()
    try #require(lines.count >= 3)
    // The fixture's resources as one Bundle, one entry per line, and as NDJSON and single lines.
    var bundle = Array(
      "{\"resourceType\": \"Bundle\", \"type\": \"searchset\", \"entry\": [\n".utf8)
    for (i, line) in lines.prefix(3).enumerated() {
      bundle += Array((i > 0 ? ",{\"resource\": " : "{\"resource\": ").utf8) + line + [125, 10]
    }
    bundle += Array("]}\n".utf8)
    let ndjson = Mutator.files(["\(Self.fixtures)/fhir-lejr/eob.ndjson"])
    fuzz(
      seed: 0xF41, seeds: [bundle] + ndjson + lines + Self.smallBundles.map { Array($0.utf8) },
      count: 2_000, window: 1_000
    ) {
      try ParserProperties.checkBundleStream($0, smallChunk: $1)
    }
  }

  /// Small Bundles, whole within a mutation window: entries on one line and on several, after a
  /// byte-order mark and after non-ASCII text on their line, and a resource that is not a Bundle.
  static let smallBundles = [
    #"{"resourceType": "Bundle", "entry": [{"resource": {"resourceType": "Patient", "id": "p1"}}, {"fullUrl": "urn:x", "resource": {"resourceType": "ExplanationOfBenefit", "id": "e1", "status": "active"}}]}"#,
    "\u{FEFF}{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Patient\"}}]}\n",
    "{\n  \"resourceType\": \"Bundle\",\n  \"id\": \"é€😀\", \"entry\": [\n    {\"resource\": {\"id\": \"a\"}},\n    {\"resource\": {\"id\": \"b\", \"x\": [1, 2.5, true, null]}}\n  ],\n  \"total\": 2\n}\n",
    #"{"resourceType": "ExplanationOfBenefit", "id": "e2", "status": "active", "item": [{"sequence": 1}]}"#,
  ]

  /// The lines of the FHIR fixture, each one ExplanationOfBenefit.
  func ndjsonLines() -> [[UInt8]] {
    Mutator.files(["\(Self.fixtures)/fhir-lejr/eob.ndjson"]).flatMap {
      $0.split(separator: 10).map(Array.init)
    }
  }
}

/// Inputs that once broke a rule (found by the fuzzers), kept under Fixtures/fuzz-regressions/
/// as `csv-…`, `json-…` or `fhir-…`: each must now pass its parser's checks.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
  /// The regression inputs, by file name.
  static let names: [String] = {
    let folder = TestPaths.fixture("fuzz-regressions")
    return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter {
      !$0.hasPrefix(".") && !$0.hasSuffix(".md")
    }.sorted()
  }()

  @Test("every input that once broke a rule now keeps them all", arguments: names)
  func regression(_ name: String) throws {
    let bytes = try #require(
      FileManager.default.contents(atPath: TestPaths.fixture("fuzz-regressions/\(name)")))
    for chunk in [1, 2, 3, 5, 8, 13, 16, 61] {
      switch name.prefix(while: { $0 != "-" }) {
      case "csv": try ParserProperties.checkCSV(Array(bytes), smallChunk: chunk)
      case "json": try ParserProperties.checkJSON(Array(bytes))
      case "fhir": try ParserProperties.checkBundleStream(Array(bytes), smallChunk: chunk)
      default: Issue.record("\(name): the name must start with csv-, json- or fhir-")
      }
    }
  }
}
