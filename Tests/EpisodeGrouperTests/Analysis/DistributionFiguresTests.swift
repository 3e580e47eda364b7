import Testing

@testable import GrouperAnalysis
@testable import GrouperCore
@testable import GrouperSupport

/// The statistics `stats` and `sweep` write, computed by hand.
@Suite("Distribution figures")
struct DistributionFiguresTests {
  static func costs(_ amounts: [String]) -> [AnalysisEpisode] {
    amounts.enumerated().map { i, a in ComparisonTests.episode("M\(i)", "C\(i)", ["anchor": a]) }
  }

  @Test("five costs: percentiles by PCTLDEF=5, mean, median and coefficient of variation")
  func odd() {
    // Sorted 100, 200, 300, 400, 1000 (dollars). n·p/100: p10 0.5 → x(1); p25 1.25 → x(2);
    // p50 2.5 → x(3); p75 3.75 → x(4); p90 4.5 → x(5).
    let f = DistributionFigures(Self.costs(["400.00", "100.00", "1000.00", "300.00", "200.00"]))
    #expect(f.percentile(10)?.description == "100.00")
    #expect(f.percentile(25)?.description == "200.00")
    #expect(f.median?.description == "300.00")
    #expect(f.percentile(75)?.description == "400.00")
    #expect(f.percentile(90)?.description == "1000.00")
    // Mean 2000 / 5 = 400. Deviations −300, −200, −100, 0, 600: squares sum to 500000;
    // sample variance 500000 / 4 = 125000, SD 353.553…, CV 353.553 / 400 = 0.88388 → 0.8839.
    #expect(f.mean?.description == "400.00")
    #expect(f.total.description == "2000.00")
    #expect(f.coefficientOfVariation == "0.8839")
  }

  @Test("four costs: a whole n·p/100 averages two neighbours")
  func even() {
    // 100, 200, 300, 400: p25 1.0 → (x(1) + x(2)) / 2 = 150; p50 2.0 → 250; p75 3.0 → 350;
    // p10 0.4 → x(1); p90 3.6 → x(4).
    let f = DistributionFigures(Self.costs(["100.00", "200.00", "300.00", "400.00"]))
    #expect(f.percentile(10)?.description == "100.00")
    #expect(f.percentile(25)?.description == "150.00")
    #expect(f.median?.description == "250.00")
    #expect(f.percentile(75)?.description == "350.00")
    #expect(f.percentile(90)?.description == "400.00")
    // The midpoint of two cents rounds half away from zero: (0.01 + 0.02) / 2 = 0.015 → 0.02.
    #expect(DistributionFigures(Self.costs(["0.01", "0.02"])).median?.description == "0.02")
  }

  @Test("only complete episodes are costed; shares of cost and of episodes")
  func shares() {
    var a = ComparisonTests.episode("M1", "C1", ["anchor": "300.00", "snf": "100.00"])
    a.hasPostAcute = true
    var b = ComparisonTests.episode("M2", "C2", ["anchor": "500.00", "readmission": "100.00"])
    b.hasReadmission = true
    let open = ComparisonTests.episode("M3", "C3", status: .open, ["anchor": "9999.00"])
    let cancelled = ComparisonTests.episode("M4", "C4", status: .cancelled, [:])
    let f = DistributionFigures([a, b, open, cancelled])
    #expect(f.episodes == 4)
    #expect(f.byStatus == [.complete: 2, .open: 1, .cancelled: 1])
    // Complete: 400 + 600 = 1000. anchor 800 / 1000; snf 100 / 1000; readmission 100 / 1000.
    #expect(f.total.description == "1000.00")
    #expect(f.share(of: "anchor") == "0.8000")
    #expect(f.share(of: "snf") == "0.1000")
    #expect(f.readmissionShare == "0.5000")
    #expect(f.postAcuteShare == "0.5000")
    let row = f.row(categories: ["anchor", "dme", "snf"], own: ["anchor", "snf"])
    #expect(row.suffix(5) == ["0.5000", "0.5000", "0.8000", "", "0.1000"])
  }

  @Test("no complete episode: counts only, the cost figures empty")
  func empty() {
    let f = DistributionFigures([ComparisonTests.episode("M1", "C1", status: .open, ["a": "1.00"])])
    #expect(
      f.row(categories: [], own: [])
        == ["1", "0", "1", "0", "0.00", "", "", "", "", "", "", "", "", ""])
  }

  @Test("ratios round half away from zero at four decimals")
  func ratios() {
    #expect(Ratio.text(1, over: 3) == "0.3333")
    #expect(Ratio.text(2, over: 3) == "0.6667")
    #expect(Ratio.text(1, over: 8) == "0.1250")
    #expect(Ratio.text(-1, over: 3) == "-0.3333")
    #expect(Ratio.text(1, over: 0) == "")
    #expect(Readable.money(Cents(-123_456_789)) == "-1,234,567.89")
    #expect(Readable.money(Cents(5)) == "0.05")
    #expect(Readable.count(1_000) == "1,000")
  }
}
