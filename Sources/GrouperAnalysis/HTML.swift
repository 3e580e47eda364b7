import GrouperSupport

/// Small pieces of HTML text: escaping, and elements that carry a figure for checking.
package enum HTML {
  /// `text` with `&`, `<`, `>`, `"` and `'` escaped, for element text and attribute values.
  package static func escape(_ text: String) -> String {
    text.markupEscaped
  }

  /// A table cell showing `shown`, marked with the figure's name and exact value
  /// (`data-figure="dollars.read" data-value="262270.49"`) so a check can read it back.
  package static func figureCell(_ shown: String, figure: String?, value: String?) -> String {
    var attributes = " class=\"num\""
    if let figure { attributes += " data-figure=\"\(escape(figure))\"" }
    if let value { attributes += " data-value=\"\(escape(value))\"" }
    return "<td\(attributes)>\(escape(shown))</td>"
  }

  /// A table: a caption, a header row and body rows of ready-made cells (`<td>…</td>`).
  package static func table(
    caption: String, header: [String], rows: [[String]], numeric: Set<Int> = []
  )
    -> String
  {
    var out = "<table>\n<caption>\(escape(caption))</caption>\n<thead><tr>"
    for (i, h) in header.enumerated() {
      out += "<th scope=\"col\"\(numeric.contains(i) ? " class=\"num\"" : "")>\(escape(h))</th>"
    }
    out += "</tr></thead>\n<tbody>\n"
    for row in rows { out += "<tr>" + row.joined() + "</tr>\n" }
    return out + "</tbody>\n</table>\n"
  }

  /// A plain text cell.
  package static func cell(_ text: String) -> String { "<td>\(escape(text))</td>" }

  /// A right-aligned number cell without a figure name.
  package static func number(_ text: String) -> String { "<td class=\"num\">\(escape(text))</td>" }
}
