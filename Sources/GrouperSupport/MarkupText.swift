extension String {
  /// The text with `&`, `<`, `>`, `"` and `'` escaped as entities, valid in HTML and XML alike,
  /// for element text and attribute values.
  package var markupEscaped: String {
    var out = ""
    out.reserveCapacity(utf8.count)
    for c in self {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      default: out.append(c)
      }
    }
    return out
  }
}
