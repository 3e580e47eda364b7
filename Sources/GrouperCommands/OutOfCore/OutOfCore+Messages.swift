import GrouperSupport

/// The messages of out-of-core grouping (`group --memory-limit`, `--temp-dir`).
extension Diagnostic.Message {
  /// A `--memory-limit` that is not a size.
  static func badMemoryLimit(_ text: String) -> Self {
    Self(
      "--memory-limit must be a size of at least one byte such as 512M or 2G (K, M, G, T: "
        + "powers of 1024), found '\(text)'", kind: .usage)
  }
  /// A `--temp-dir` that cannot hold spill files; `problem` says why.
  static func badTempDir(_ path: String, _ problem: String) -> Self {
    Self("--temp-dir '\(path)': \(problem)", kind: .usage)
  }
  /// The spill folder could not be made.
  static func cannotCreateSpillFolder(_ reason: String) -> Self {
    Self("cannot create the spill folder: \(reason)", kind: .outputNotWritable)
  }
  /// A spill file could not be written or read back.
  static func spillFailed(_ reason: String) -> Self {
    Self("spill file: \(reason)", kind: .outputNotWritable)
  }
  /// An input too large for the limit that runs in memory all the same; `why` says why.
  static func inMemoryOverLimit(estimate: Int, limit: Int, why: String) -> Self {
    Self(
      "the input needs about \(MemorySize.text(estimate)) in memory, over --memory-limit "
        + "\(MemorySize.text(limit)), but is grouped in memory: \(why)")
  }
  /// A partition larger than the limit: lines that must be grouped together (one member's, or
  /// members tied by a claim id or a claim version across them) exceed it.
  static func partitionOverLimit(lines: Int, estimate: Int, limit: Int) -> Self {
    Self(
      "the largest partition holds \(lines) claim lines that must be grouped together (one "
        + "member's lines, and members tied by a claim id on several members' lines or a version "
        + "naming another member's claim) and needs about \(MemorySize.text(estimate)), over "
        + "--memory-limit \(MemorySize.text(limit))")
  }
}

/// Sizes as messages write them.
enum MemorySize {
  /// `1.5 GiB`, `512 MiB`, `900 KiB`, `12 B`.
  static func text(_ bytes: Int) -> String {
    let units = ["GiB", "MiB", "KiB"]
    for (k, unit) in units.enumerated() {
      let scale = Double(1 << (10 * (3 - k)))
      if Double(bytes) >= scale {
        let value = Double(bytes) / scale
        return value >= 10 || value == value.rounded()
          ? "\(Int(value.rounded())) \(unit)" : "\(String(format: "%.1f", value)) \(unit)"
      }
    }
    return "\(bytes) B"
  }
}
