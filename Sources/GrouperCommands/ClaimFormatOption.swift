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

  /// The option as given to `command`; throws a usage error for an unknown format.
  init(_ arguments: ParsedArguments, command: String) throws {
    guard let text = arguments.value("format") else {
      format = nil
      return
    }
    guard let f = ClaimFormat(argument: text) else {
      throw CommandError(
        .usage, "grouper \(command): --format must be \(ClaimFormat.usage), found '\(text)'")
    }
    format = f
  }

  /// Reads the claims at `path`. Unless `quiet`, writes on stderr the format read and how it was
  /// chosen, what a RIF read used, and progress lines. Throws a ``CommandError``: no input (66)
  /// for a missing path or mapping file, bad data (65) for an unusable input.
  func read(
    _ path: String, defaultPayer: String, dates: DateBounds = .standard, stderr: TextSink,
    quiet: Bool
  ) throws -> ClaimInput {
    guard FileManager.default.fileExists(atPath: path) else {
      throw CommandError(.noInput, "\(path): error: claims file or folder not found")
    }
    if case .mapping(let mappingPath) = format, !FileManager.default.fileExists(atPath: mappingPath)
    {
      throw CommandError(.noInput, "\(mappingPath): error: mapping file not found")
    }
    var progress: (@Sendable (Int) -> Void)?
    if !quiet {
      let clock = Stopwatch()
      progress = { rows in
        let seconds = max(clock.elapsed, 1e-9)
        stderr.write("grouper: read \(rows) rows (\(Int(Double(rows) / seconds)) rows/s)\n")
      }
    }
    var input: ClaimInput
    do {
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
      input = try ClaimInput.read(
        path: path, format: chosen, defaultPayer: defaultPayer, dates: dates, progress: progress)
      input.formatSource = source
    } catch let d as Diagnostic {
      throw CommandError(.dataError, d.description)
    }
    if !quiet { stderr.write("grouper: read \(path) as \(input.format) (\(input.formatSource))\n") }
    if !quiet, let details = input.details { stderr.write("grouper: \(details)\n") }
    return input
  }
}
