import GrouperSupport

/// Numbers formatted for people: thousands separators, and amounts with two decimals
/// (`262,270.49`).
package enum Readable {
  /// An amount with thousands separators and two decimals.
  package static func money(_ c: Cents) -> String {
    let text = c.description
    let negative = text.hasPrefix("-")
    let body = negative ? String(text.dropFirst()) : text
    let parts = body.split(separator: ".", maxSplits: 1)
    return (negative ? "-" : "") + grouped(String(parts[0])) + "." + parts[1]
  }

  /// A whole number with thousands separators.
  package static func count(_ n: Int) -> String {
    n < 0 ? "-" + grouped(String(-n)) : grouped(String(n))
  }

  /// Digits with a comma before each group of three from the right.
  static func grouped(_ digits: String) -> String {
    var out = ""
    for (i, ch) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(ch)
    }
    return out
  }

  /// A ratio text (`0.4512`) as a percent with one decimal (`45.1%`); empty stays empty.
  package static func percent(_ ratio: String) -> String {
    guard let v = Double(ratio) else { return "" }
    return String(format: "%.1f%%", v * 100)
  }
}
