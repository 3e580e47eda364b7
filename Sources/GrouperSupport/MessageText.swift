extension String {
  /// The text as a diagnostic may quote it: control characters and line separators written as
  /// `\n`, `\r`, `\t` or `\u{XX}`, so an input value echoed in a message keeps it on one line.
  package var escapedForMessage: String {
    guard unicodeScalars.contains(where: Self.needsEscape) else { return self }
    var out = ""
    for u in unicodeScalars {
      switch u {
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where Self.needsEscape(u): out += "\\u{\(String(u.value, radix: 16, uppercase: true))}"
      default: out.unicodeScalars.append(u)
      }
    }
    return out
  }

  /// C0 controls, DEL, the C1 next-line and the Unicode line and paragraph separators.
  private static func needsEscape(_ u: Unicode.Scalar) -> Bool {
    u.value < 0x20 || u.value == 0x7F || u.value == 0x85 || u.value == 0x2028 || u.value == 0x2029
  }
}
