import GrouperSupport

/// The rule cases' results as JUnit XML, the format CI systems read (GitHub Actions, GitLab,
/// Jenkins): one `testcase` per case, a `failure` holding its diff.
enum JUnitReport {
  /// The XML document for `runs`.
  static func xml(_ runs: [RuleCaseRun]) -> String {
    let failed = runs.filter { !$0.passed }.count
    var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    text += "<testsuites tests=\"\(runs.count)\" failures=\"\(failed)\">\n"
    text += "  <testsuite name=\"grouper test\" tests=\"\(runs.count)\" failures=\"\(failed)\">\n"
    for r in runs {
      text +=
        "    <testcase classname=\"rules\" name=\"\(escape(r.ruleCase.name))\""
      if r.passed {
        text += "/>\n"
        continue
      }
      let detail = RuleCaseOutput.details(r).joined(separator: "\n")
      text += ">\n      <failure message=\"\(escape(r.ruleCase.description))\">"
      text += escape(detail) + "</failure>\n    </testcase>\n"
    }
    text += "  </testsuite>\n</testsuites>\n"
    return text
  }

  /// `text` with XML's special characters escaped, for attributes and text alike.
  static func escape(_ text: String) -> String {
    text.markupEscaped
  }
}

/// How a case's result reads on stdout.
enum RuleCaseOutput {
  /// The lines under a failed case: its problems, then each differing table's rows.
  static func details(_ run: RuleCaseRun) -> [String] {
    var lines = run.problems
    for d in run.diffs where !d.isEmpty {
      lines.append("\(d.name) (- expected only, + actual only, ~ differs):")
      lines += d.lines.map { "  " + $0 }
    }
    return lines
  }
}
