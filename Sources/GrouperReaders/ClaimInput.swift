import Foundation
import GrouperCore
import GrouperSupport

/// Claims read in any supported format: what every reader returns, whatever the layout.
package struct ClaimInput: Sendable {
  /// The format read.
  package var format: ClaimFormat
  /// How the format was chosen: `given`, or `detected: <reason>`.
  package var formatSource: String
  /// The claim lines, rejections and counts.
  package var claims: ClaimReadResult
  /// Members the input describes itself (RIF beneficiary files), when it does.
  package var members: MembersFile?
  /// A line on what was read beyond the counts (the RIF files used and left aside), when useful.
  package var details: String?

  /// Reads the claims at `path` in `format`, or in the format detected from the input when nil.
  ///
  /// Throws a located ``Diagnostic`` when the input as a whole is unusable; row-level problems
  /// come back as rejections in ``claims``.
  /// A native claim file is read on `jobs` threads (all cores by default), with the same result.
  package static func read(
    path: String, format: ClaimFormat?, defaultPayer: String = "default",
    dates: DateBounds = .standard, progress: (@Sendable (Int) -> Void)? = nil,
    jobs: Int = ProcessInfo.processInfo.activeProcessorCount
  ) throws -> ClaimInput {
    if path == StandardInputByteSource.name {
      return try readStandardInput(
        format: format, defaultPayer: defaultPayer, dates: dates, progress: progress)
    }
    let chosen: ClaimFormat
    let source: String
    if let format {
      chosen = format
      source = "given"
    } else {
      let detected = try ClaimFormat.detect(path: path)
      chosen = detected.format
      source = "detected: \(detected.reason)"
    }
    switch chosen {
    case .native:
      var reader = NativeClaimReader(path: path, defaultPayer: defaultPayer)
      reader.progress = progress
      reader.dates = dates
      reader.jobs = jobs
      return ClaimInput(
        format: chosen, formatSource: source, claims: try reader.read(), members: nil, details: nil)
    case .rif:
      var reader = RIFReader(path: path, defaultPayer: defaultPayer)
      reader.progress = progress
      reader.dates = dates
      let result = try reader.read()
      return ClaimInput(
        format: chosen, formatSource: source, claims: result.claims, members: result.members,
        details: result.summary)
    case .fhir:
      var reader = FHIRClaimReader(path: path, defaultPayer: defaultPayer)
      reader.progress = progress
      reader.dates = dates
      return ClaimInput(
        format: chosen, formatSource: source, claims: try reader.read(), members: nil, details: nil)
    case .mapping(let mappingPath):
      let mapping = try ClaimMapping.load(path: mappingPath)
      var reader = MappedClaimReader(path: path, mapping: mapping, defaultPayer: defaultPayer)
      reader.progress = progress
      reader.dates = dates
      return ClaimInput(
        format: chosen, formatSource: source, claims: try reader.read(), members: nil, details: nil)
    }
  }

  /// Reads claims from standard input (`--claims -`): the formats that stream (native CSV, FHIR,
  /// a mapped extract). The first bytes are read to tell the format, then replayed to the reader,
  /// so nothing seeks. Throws a usage diagnostic for RIF, which reads a folder or seeks.
  private static func readStandardInput(
    format: ClaimFormat?, defaultPayer: String, dates: DateBounds,
    progress: (@Sendable (Int) -> Void)?
  ) throws -> ClaimInput {
    let name = StandardInputByteSource.name
    if format == .rif { throw Diagnostic(at: SourceLocation(file: name), .rifFromStandardInput) }
    let input = StandardInputByteSource()
    let head = try input.peek(ClaimFormat.headSize)
    let chosen: ClaimFormat
    let source: String
    if let format {
      chosen = format
      source = "given"
    } else {
      let detected = try ClaimFormat.detect(head: head, name: name)
      chosen = detected.format
      source = "detected: \(detected.reason)"
    }
    let replay = PrefixedByteSource(prefix: head, base: input)
    let claims: ClaimReadResult
    switch chosen {
    case .native:
      var reader = NativeClaimReader(path: name, defaultPayer: defaultPayer)
      reader.progress = progress
      reader.dates = dates
      var csv = CSVReader(source: replay, name: name, chunkSize: reader.chunkSize)
      claims = try reader.read(&csv)
    case .rif:
      throw Diagnostic(at: SourceLocation(file: name), .rifFromStandardInput)
    case .fhir:
      var reader = FHIRClaimReader(path: name, defaultPayer: defaultPayer)
      reader.progress = progress
      reader.dates = dates
      claims = try reader.read(replay)
    case .mapping(let mappingPath):
      let mapping = try ClaimMapping.load(path: mappingPath)
      var reader = MappedClaimReader(path: name, mapping: mapping, defaultPayer: defaultPayer)
      reader.progress = progress
      reader.dates = dates
      var csv = CSVReader(
        source: replay, name: name, delimiter: mapping.delimiter, quoting: mapping.quoting,
        chunkSize: reader.chunkSize)
      claims = try reader.read(&csv)
    }
    return ClaimInput(
      format: chosen, formatSource: source, claims: claims, members: nil, details: nil)
  }
}
