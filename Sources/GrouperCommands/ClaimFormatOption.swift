import Foundation
import GrouperCore
import GrouperReaders
import GrouperSupport

/// The `--format` option that `group` and `convert` share, and the one call that reads claims in
/// the chosen (or detected) format and says on stderr what it read.
struct ClaimFormatOption {
  /// The option's spec.
  static let spec = OptionSpec(
    "format", value: "format",
    help:
      "native, rif, fhir or mapping:FILE (default: detected from the input, and said on stderr).")

  /// The format given, or nil to detect it.
  let format: ClaimFormat?

  /// `format` as `summary.json` records it: a mapping file by its absolute path.
  static func recorded(_ format: ClaimFormat) -> String {
    guard case .mapping(let file) = format else { return format.description }
    return ClaimFormat.mapping(absolutePath(file)).description
  }

  /// The option as given to `command`; throws a usage error for an unknown format.
  init(_ arguments: ParsedArguments, command: String) throws {
    guard let text = arguments.value("format") else {
      format = nil
      return
    }
    guard let f = ClaimFormat(argument: text) else {
      throw Diagnostic.usage(command, .unknownFormat(text))
    }
    format = f
  }

  /// Reads the claims at `path`. Unless `quiet`, writes on stderr the format read and how it was
  /// chosen, what a RIF read used, and progress: the percent read on `display` when it is shown,
  /// else a line per 2^20 rows. Dates outside `dates` reject their row. Throws a located
  /// diagnostic: missing input for a missing path or mapping file, bad input for an unusable one.
  /// A native file is read on `jobs` threads.
  func read(
    _ path: String, defaultPayer: String, dates: DateBounds = .standard, stderr: TextSink,
    quiet: Bool, display: ProgressDisplay? = nil,
    jobs: Int = ProcessInfo.processInfo.activeProcessorCount
  ) throws -> ClaimInput {
    if path == StandardInputByteSource.name {
      return try readStandardInput(
        defaultPayer: defaultPayer, dates: dates, stderr: stderr, quiet: quiet)
    }
    guard FileManager.default.fileExists(atPath: path) else {
      throw Diagnostic(at: SourceLocation(file: path), .claimsNotFound)
    }
    if case .mapping(let mappingPath) = format, !FileManager.default.fileExists(atPath: mappingPath)
    {
      throw Diagnostic(at: SourceLocation(file: mappingPath), .mappingNotFound)
    }
    let progress = quiet || display?.isShown == true ? nil : Self.progressLines(stderr)
    var chosen = format
    var source = "given"
    if chosen == nil {
      let detected = try ClaimFormat.detect(path: path)
      chosen = detected.format
      source = "detected: \(detected.reason)"
    }
    // Every format but RIF reads one file: a folder or an unreadable file is missing input, as
    // before the other readers came.
    if chosen != .rif { try requireFile(path, "claims") }
    display?.read(path)
    defer { display?.stop() }
    var input = try ClaimInput.read(
      path: path, format: chosen, defaultPayer: defaultPayer, dates: dates, progress: progress,
      jobs: jobs)
    input.formatSource = source
    display?.endReading()
    if !quiet { stderr.write("grouper: read \(path) as \(input.format) (\(input.formatSource))\n") }
    if !quiet, let details = input.details { stderr.write("grouper: \(details)\n") }
    return input
  }

  /// Reads the claims from standard input (`--claims -`), telling the format from its first
  /// bytes; progress is a line per 2^20 rows, as the input's size is not known.
  private func readStandardInput(
    defaultPayer: String, dates: DateBounds, stderr: TextSink, quiet: Bool
  ) throws -> ClaimInput {
    if case .mapping(let mappingPath) = format, !FileManager.default.fileExists(atPath: mappingPath)
    {
      throw Diagnostic(at: SourceLocation(file: mappingPath), .mappingNotFound)
    }
    let input = try ClaimInput.read(
      path: StandardInputByteSource.name, format: format, defaultPayer: defaultPayer, dates: dates,
      progress: quiet ? nil : Self.progressLines(stderr))
    if !quiet {
      stderr.write("grouper: read standard input as \(input.format) (\(input.formatSource))\n")
    }
    return input
  }

  /// A progress callback writing a line on `stderr` with the rows read and their rate.
  private static func progressLines(_ stderr: TextSink) -> @Sendable (Int) -> Void {
    let started = ContinuousClock.now
    return { rows in
      let seconds = max(started.duration(to: .now).seconds, 1e-9)
      stderr.write("grouper: read \(rows) rows (\(Int(Double(rows) / seconds)) rows/s)\n")
    }
  }
}
