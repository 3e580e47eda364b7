import GrouperSupport

/// Reads a providers file: CSV with a header naming `provider` and `region` (other columns are
/// ignored), one row per provider, giving the region each provider's episodes are priced in.
package enum ProviderRegionsFile {
  /// Reads the file at `path`; throws a located diagnostic at the first problem.
  package static func read(path: String) throws -> [String: String] {
    var reader = try CSVReader(path: path)
    return try read(&reader, file: path)
  }

  /// Reads from any byte source; `file` names it in diagnostics.
  package static func read<S: ByteSource>(_ reader: inout CSVReader<S>, file: String) throws
    -> [String: String]
  {
    var columns: (provider: Int, region: Int, width: Int)?
    var regions: [String: String] = [:]
    var lines: [String: Int] = [:]
    try reader.forEachRecord { record in
      guard let c = columns else {
        let names = record.strings.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        for name in ["provider", "region"] where !names.contains(name) {
          throw Diagnostic(
            at: SourceLocation(file: file, line: record.line), .missingColumn(name))
        }
        columns = (names.firstIndex(of: "provider")!, names.firstIndex(of: "region")!, names.count)
        return
      }
      guard record.count == c.width else {
        throw Diagnostic(
          at: SourceLocation(file: file, line: record.line),
          .fieldCount(expected: c.width, found: record.count))
      }
      let provider = record.string(c.provider).trimmingCharacters(in: .whitespaces)
      let region = record.string(c.region).trimmingCharacters(in: .whitespaces)
      func at(_ column: Int, _ field: String) -> SourceLocation {
        SourceLocation(file: file, line: record.line, column: column + 1, field: field)
      }
      guard !provider.isEmpty else {
        throw Diagnostic(at: at(c.provider, "provider"), .providerIDRequired)
      }
      guard !region.isEmpty else {
        throw Diagnostic(at: at(c.region, "region"), .regionRequired(provider))
      }
      if let line = lines[provider] {
        throw Diagnostic(at: at(c.provider, "provider"), .providerListedTwice(provider, line: line))
      }
      lines[provider] = record.line
      regions[provider] = region
    }
    guard columns != nil else { throw Diagnostic(at: SourceLocation(file: file), .emptyFile) }
    return regions
  }
}
