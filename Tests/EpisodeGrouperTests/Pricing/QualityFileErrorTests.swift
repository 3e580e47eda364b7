import Testing

@testable import GrouperPricing
@testable import GrouperSupport

@Suite struct QualityFileErrorTests {
  func read(_ text: String) throws -> QualityScores {
    var reader = CSVReader(source: MemoryByteSource(Array(text.utf8)), name: "quality.csv")
    return try QualityScores.read(&reader, file: "quality.csv", programs: ["prog", "other"])
  }

  func error(_ text: String) -> String? {
    do {
      _ = try read(text)
      return nil
    } catch {
      return "\(error)"
    }
  }

  @Test func readsScoresAndPassesByProgram() throws {
    let q = try read(
      "program,provider,composite_score,quality_passed\n,H1,87.5,yes\nprog,H1,40,false\n")
    #expect(
      q.entry(program: "prog", provider: "H1")
        == .init(score: Fixture.decimal("40"), passed: false, line: 3))
    #expect(
      q.entry(program: "other", provider: "H1")
        == .init(score: Fixture.decimal("87.5"), passed: true, line: 2))
    #expect(q.entry(program: "prog", provider: "H2") == nil)
  }

  @Test func badScore() {
    #expect(
      error("program,provider,composite_score\nprog,H1,abc\n")
        == "quality.csv:2:3: error: composite_score: not a decimal number 'abc'")
    #expect(
      error("program,provider,composite_score\nprog,H1,101\n")
        == "quality.csv:2:3: error: composite_score: a composite score runs from 0 to 100, found '101'"
    )
  }

  @Test func badPass() {
    #expect(
      error("provider,quality_passed\nH1,maybe\n")
        == "quality.csv:2:2: error: quality_passed: expected true or false, found 'maybe'")
  }

  @Test func providerScoredTwice() {
    #expect(
      error("program,provider,composite_score\n,H1,50\n,H1,60\n")
        == "quality.csv:3:2: error: provider: provider 'H1' is already scored for every program on line 2"
    )
  }

  @Test func unknownColumnAndProgram() {
    #expect(
      error("provider,score\nH1,50\n")
        == "quality.csv:1:2: error: unknown column 'score' (expected program, provider, composite_score, quality_passed)"
    )
    #expect(
      error("program,provider,composite_score\nprgo,H1,50\n")
        == "quality.csv:2:1: error: program: unknown program 'prgo' (did you mean 'prog'?)")
  }

  @Test func aRowMustSaySomething() {
    #expect(
      error("provider,composite_score,quality_passed\nH1,,\n")
        == "quality.csv:2: error: the row gives neither a composite_score nor quality_passed for provider 'H1'"
    )
  }
}
