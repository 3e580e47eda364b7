/// One entry of a code set: an exact code, a prefix wildcard (`I21*`) or an inclusive range
/// (`27130-27138`, `001-008`, `E08-E13`).
package enum CodePattern: Hashable, Sendable, CustomStringConvertible {
  /// The code itself.
  case exact(String)
  /// Every code that starts with the text.
  case prefix(String)
  /// Every code whose leading characters, as many as the ends have, lie between the two ends
  /// (both counted, compared character by character). `E08-E13` holds `E08`, `E119` and `E13.9`,
  /// as ICD-10 category ranges are read; `001-008` holds the MS-DRGs 001 through 008.
  case range(String, String)

  /// The value as text, as outputs and messages write it.
  package var description: String {
    switch self {
    case .exact(let c): return c
    case .prefix(let p): return p + "*"
    case .range(let lo, let hi): return lo + "-" + hi
    }
  }

  /// Parses an entry as written in a definition or a code-list file, for a code system.
  package static func parse(_ text: String, system: CodeSystem) -> Result<
    CodePattern, DefinitionCodeError
  > {
    let entry = text.trimmingCharacters(in: .whitespaces)
    if system == .provider {
      guard !entry.isEmpty, !entry.contains("*") else { return .failure(.malformed(text, system)) }
      return .success(.exact(entry))
    }
    if entry.contains("*") {
      guard entry.hasSuffix("*"), entry.filter({ $0 == "*" }).count == 1,
        let stem = system.definitionCode(String(entry.dropLast()), prefix: true)
      else { return .failure(.malformedWildcard(text, system)) }
      return .success(.prefix(stem))
    }
    let parts = entry.split(separator: "-", omittingEmptySubsequences: false)
    if parts.count == 2 {
      func end(_ s: Substring) -> String? {
        system.definitionCode(String(s)) ?? system.definitionCode(String(s), prefix: true)
      }
      guard let lo = end(parts[0]) else {
        return .failure(.malformedRangeEnd(text, String(parts[0]), system))
      }
      guard let hi = end(parts[1]) else {
        return .failure(.malformedRangeEnd(text, String(parts[1]), system))
      }
      guard lo.utf8.count == hi.utf8.count, lo <= hi else {
        return .failure(.malformedRange(text, system))
      }
      return .success(.range(lo, hi))
    }
    guard parts.count == 1, let code = system.definitionCode(entry) else {
      return .failure(.malformed(text, system))
    }
    return .success(.exact(code))
  }

  /// Whether a normalised code matches.
  package func matches(_ code: UnsafeBufferPointer<UInt8>) -> Bool {
    switch self {
    case .exact(let c):
      return c.utf8.count == code.count && compareLeading(code, c) == 0
    case .prefix(let p):
      return code.count >= p.utf8.count && compareLeading(code, p) == 0
    case .range(let lo, let hi):
      return code.count >= lo.utf8.count && compareLeading(code, lo) >= 0
        && compareLeading(code, hi) <= 0
    }
  }
}

/// The byte-wise order of the leading bytes of `code` against all of `text` (`code` is at least as long).
private func compareLeading(_ code: UnsafeBufferPointer<UInt8>, _ text: String) -> Int {
  var i = 0
  for c in text.utf8 {
    if code[i] != c { return Int(code[i]) - Int(c) }
    i += 1
  }
  return 0
}

/// A named set of codes of one code system, written inline in a definition or loaded from a
/// code-list file.
package struct CodeSet: Sendable {
  /// The name the definition uses for it (`excluded_readmissions`), or a generated one for an
  /// inline list.
  package var name: String
  /// The code system its codes belong to.
  package var system: CodeSystem
  /// Its entries.
  package var patterns: [CodePattern]
  /// A note for readers.
  package var description: String?

  /// A code set.
  package init(
    name: String, system: CodeSystem, patterns: [CodePattern], description: String? = nil
  ) {
    self.name = name
    self.system = system
    self.patterns = patterns
    self.description = description
  }

  /// Whether a normalised code is in the set.
  package func contains(_ code: UnsafeBufferPointer<UInt8>) -> Bool {
    patterns.contains { $0.matches(code) }
  }

  /// Whether a code, as text, is in the set (normalised first as a claim code would be).
  package func contains(_ code: String) -> Bool {
    var out: [UInt8] = []
    let bytes = Array(code.utf8)
    return bytes.withUnsafeBufferPointer { raw in
      guard system.normalize(raw, into: &out) == nil else { return false }
      return out.withUnsafeBufferPointer { contains($0) }
    }
  }
}
