/// Writes JSON text with keys in the order given, so output files are byte-identical run to run.
package struct JSONWriter: Sendable {
  /// A JSON value to write.
  package indirect enum Value: Sendable {
    /// A string.
    case string(String)
    /// A whole number.
    case int(Int)
    /// An amount, written as a number with two decimals.
    case money(Cents)
    /// A number written exactly as given (a decimal's text).
    case raw(String)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null
    /// An array.
    case array([Value])
    /// An object, members in order.
    case object([(String, Value)])
  }

  /// The value as indented JSON text ending with a newline.
  package static func render(_ value: Value) -> String {
    var out = ""
    write(value, indent: "", into: &out)
    return out + "\n"
  }

  private static func write(_ value: Value, indent: String, into out: inout String) {
    switch value {
    case .string(let s): out += quoted(s)
    case .int(let n): out += String(n)
    case .money(let c): out += c.description
    case .raw(let text): out += text
    case .bool(let b): out += b ? "true" : "false"
    case .null: out += "null"
    case .array(let items):
      guard !items.isEmpty else {
        out += "[]"
        return
      }
      out += "[\n"
      for (i, item) in items.enumerated() {
        out += indent + "  "
        write(item, indent: indent + "  ", into: &out)
        out += i == items.count - 1 ? "\n" : ",\n"
      }
      out += indent + "]"
    case .object(let members):
      guard !members.isEmpty else {
        out += "{}"
        return
      }
      out += "{\n"
      for (i, (key, item)) in members.enumerated() {
        out += indent + "  " + quoted(key) + ": "
        write(item, indent: indent + "  ", into: &out)
        out += i == members.count - 1 ? "\n" : ",\n"
      }
      out += indent + "}"
    }
  }

  /// A JSON string literal.
  package static func quoted(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if u.value < 0x20 {
          let hex = String(u.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    return out + "\""
  }
}
