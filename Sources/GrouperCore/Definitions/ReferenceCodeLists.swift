import Foundation
import GrouperSupport

/// The published code lists a linter checks definitions' codes against (`--code-lists DIR`):
/// ICD-10-CM, ICD-10-PCS, MS-DRG, MDC and HCPCS Level II, each as a sorted list of normalised
/// codes. CPT codes are licensed and not published, so numeric HCPCS codes are never checked.
package struct ReferenceCodeLists: Sendable {
  /// The codes of each system found, sorted.
  package var codes: [CodeSystem: [String]] = [:]

  /// Lists given directly, for tests.
  package init(_ codes: [CodeSystem: [String]]) {
    self.codes = codes.mapValues { Array(Set($0)).sorted() }
  }

  /// Reads the lists found under `folder`: `icd10cm-*/*.txt` (one code a line), `icd10pcs/*.csv`
  /// (the code first), `ms-drg-*/drg_weights.txt` (Table 5: the MS-DRG first), `ms-drg-*/mdc.csv`
  /// and `hcpcs-*/*.csv` (the code first). Throws missing input when the folder is not there.
  package init(folder: String) throws {
    let fm = FileManager.default
    var isDirectory: ObjCBool = false
    guard fm.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw Diagnostic(at: SourceLocation(file: folder), .codeListsFolderNotFound)
    }
    var found: [CodeSystem: Set<String>] = [:]
    for sub in (try? fm.contentsOfDirectory(atPath: folder))?.sorted() ?? [] {
      let dir = folder + "/" + sub
      for file in (try? fm.contentsOfDirectory(atPath: dir))?.sorted() ?? [] {
        let system: CodeSystem?
        switch (sub, file) {
        case (let s, let f) where s.hasPrefix("icd10cm") && f.hasSuffix(".txt"): system = .icd10CM
        case (let s, let f) where s.hasPrefix("icd10pcs") && f.hasSuffix(".csv"): system = .icd10PCS
        case (let s, "drg_weights.txt") where s.hasPrefix("ms-drg"): system = .msDRG
        case (let s, "mdc.csv") where s.hasPrefix("ms-drg"): system = .mdc
        case (let s, let f) where s.hasPrefix("hcpcs") && f.hasSuffix(".csv"): system = .hcpcs
        default: system = nil
        }
        guard let system, let data = fm.contents(atPath: dir + "/" + file) else { continue }
        for line in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
          let first = line.prefix { $0 != "," && $0 != "\t" && $0 != " " }
          let text = first.filter { $0 != "\"" && $0 != "\u{FEFF}" }
          guard !text.contains("-"), let code = system.definitionCode(String(text)) else {
            continue
          }
          found[system, default: []].insert(code)
        }
      }
    }
    codes = found.mapValues { $0.sorted() }
  }

  /// Whether `system`'s codes are checked, and the code `code` in particular (HCPCS: Level II
  /// codes only, those starting with a letter).
  func checks(_ system: CodeSystem, _ code: String) -> Bool {
    guard codes[system] != nil else { return false }
    return system != .hcpcs || code.first?.isLetter == true
  }

  /// Whether `code` is a code of `system`.
  func contains(_ code: String, _ system: CodeSystem) -> Bool {
    guard let list = codes[system] else { return true }
    let i = lowerBound(list, code)
    return i < list.count && list[i] == code
  }

  /// Whether some code of `system` starts with `prefix` (a category, or a range end).
  func hasCode(startingWith prefix: String, _ system: CodeSystem) -> Bool {
    guard let list = codes[system] else { return true }
    let i = lowerBound(list, prefix)
    return i < list.count && list[i].hasPrefix(prefix)
  }

  /// Whether the range `lo`–`hi` holds every code of `system`.
  func swallows(_ lo: String, _ hi: String, _ system: CodeSystem) -> Bool {
    guard system != .hcpcs, let list = codes[system], let first = list.first, let last = list.last
    else { return false }
    return String(first.prefix(lo.count)) >= lo && String(last.prefix(hi.count)) <= hi
  }

  private func lowerBound(_ list: [String], _ key: String) -> Int {
    var lo = 0
    var hi = list.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if list[mid] < key { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }
}
