import Foundation
import Testing

/// The golden-file helper: comparing, reporting the first difference, and recording (which fails).
@Suite("Golden files")
struct GoldenTests {
  @Test("recording writes the file and is an outcome that fails the test")
  func recordingFails() throws {
    let folder = try TemporaryFolder()
    let path = folder.file("run/out.csv")
    let outcome = compareGolden("a,b\n1,2\n", path: path, name: "run/out.csv", record: true)
    #expect(
      outcome
        == .recorded(
          "recorded Golden/run/out.csv: review it against DERIVATION.md, then run again without "
            + "RECORD_GOLDEN"))
    #expect(outcome.issue != nil)
    #expect(contents(path) == "a,b\n1,2\n")
    // Run again without recording: the recorded file now matches.
    #expect(compareGolden("a,b\n1,2\n", path: path, name: "run/out.csv", record: false) == .matched)
    #expect(
      compareGolden("a,b\n1,2\n", path: path, name: "run/out.csv", record: false).issue == nil)
  }

  @Test("a difference names the first differing line, expected and actual")
  func difference() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("g.csv", "h\nx\ny\n")
    // Lines: 1 "h" = "h"; 2 "x" ≠ "z": line 2.
    #expect(
      compareGolden("h\nz\ny\n", path: path, name: "g.csv", record: false)
        == .failed("g.csv differs at line 2:\n  expected: x\n  actual:   z"))
    // The output stops after line 2 ("h", "x", then the empty piece after the last newline):
    // the golden's line 3 "y" meets the end of the output's text at piece 3 ("").
    #expect(
      compareGolden("h\nx\n", path: path, name: "g.csv", record: false)
        == .failed("g.csv differs at line 3:\n  expected: y\n  actual:   "))
    // One more line in the output: the golden ends where the output has "w".
    #expect(
      compareGolden("h\nx\ny\nw", path: path, name: "g.csv", record: false)
        == .failed("g.csv differs at line 4:\n  expected: \n  actual:   w"))
  }

  @Test("a missing golden file says how to record it")
  func missing() throws {
    let folder = try TemporaryFolder()
    #expect(
      compareGolden("x", path: folder.file("none.csv"), name: "none.csv", record: false)
        == .failed("Golden/none.csv is missing: record it with RECORD_GOLDEN=1 and review it"))
  }
}
