import Foundation
import GrouperCore
import GrouperSupport

/// A layout of claims the grouper reads, as `--format` names it.
package enum ClaimFormat: Equatable, Sendable, CustomStringConvertible {
  /// The native claim-line CSV (see the README's input schema).
  case native
  /// CMS Research Identifiable Files: a folder of pipe-delimited CCW files, or one such file.
  case rif
  /// FHIR R4 ExplanationOfBenefit resources: a Bundle, a single resource, or NDJSON.
  case fhir
  /// A delimited extract read through a mapping file (the path given).
  case mapping(String)

  /// The words `--format` accepts, for messages.
  package static let usage = "native, rif, fhir or mapping:FILE"

  /// The format named by a `--format` value: `native`, `rif`, `fhir` or `mapping:FILE`.
  package init?(argument: String) {
    switch argument.lowercased() {
    case "native": self = .native
    case "rif": self = .rif
    case "fhir": self = .fhir
    default:
      guard argument.lowercased().hasPrefix("mapping:"), argument.count > "mapping:".count else {
        return nil
      }
      self = .mapping(String(argument.dropFirst("mapping:".count)))
    }
  }

  /// The format as `--format` writes it.
  package var description: String {
    switch self {
    case .native: return "native"
    case .rif: return "rif"
    case .fhir: return "fhir"
    case .mapping(let file): return "mapping:\(file)"
    }
  }

  /// Tells the format of the file or folder at `path` from what it holds, with the reason; throws
  /// a located diagnostic when it cannot tell (a mapped extract is never guessed).
  package static func detect(path: String) throws -> (format: ClaimFormat, reason: String) {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw Diagnostic(at: SourceLocation(file: path), .noSuchClaimsPath)
    }
    if isDirectory.boolValue {
      let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
      for name in names
      where !name.hasPrefix(".")
        && RIFReader.dataExtensions.contains((name as NSString).pathExtension.lowercased())
      {
        let file = (path as NSString).appendingPathComponent(name)
        if let columns = RIFHeader.peek(path: file), let kind = RIFHeader(columns).kind,
          kind.holdsClaims
        {
          return (.rif, "a folder whose \(name) has a CCW RIF \(kind) header")
        }
      }
      throw Diagnostic(
        at: SourceLocation(file: path),
        .formatUnknown(because: "the folder holds no RIF claim file"))
    }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw Diagnostic(at: SourceLocation(file: path), .cannotOpen)
    }
    let head = Array((try? handle.read(upToCount: headSize)) ?? Data())
    try? handle.close()
    return try detect(head: head, name: path)
  }

  /// How many bytes at the start of an input detection looks at.
  package static let headSize = 1 << 16

  /// Tells the format of an input from `head`, its first bytes (up to ``headSize``), naming it
  /// `name` in diagnostics; what a file and standard input share (a folder is never read so).
  package static func detect(head: [UInt8], name path: String) throws -> (
    format: ClaimFormat, reason: String
  ) {
    var start = head.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    while start < head.count, [9, 10, 13, 32].contains(head[start]) { start += 1 }
    guard start < head.count else {
      throw Diagnostic(at: SourceLocation(file: path), .emptyFile)
    }
    if start < head.count, head[start] == UInt8(ascii: "{") || head[start] == UInt8(ascii: "[") {
      return (.fhir, "the file holds JSON")
    }
    var end = start
    while end < head.count && head[end] != 10 { end += 1 }
    let firstLine = String(decoding: head[start..<end], as: UTF8.self).trimmingCharacters(
      in: .whitespacesAndNewlines)
    if firstLine.contains("|"), let kind = RIFHeader(firstLine.components(separatedBy: "|")).kind,
      kind.holdsClaims
    {
      return (.rif, "the header is a CCW RIF \(kind) header")
    }
    let columns = Set(
      firstLine.lowercased().components(separatedBy: ",").map {
        $0.trimmingCharacters(in: .whitespaces)
      })
    if columns.contains(ClaimField.claimID.name)
      && columns.contains(ClaimField.memberID.name)
    {
      return (.native, "the header has the native claim_id and member_id columns")
    }
    throw Diagnostic(
      at: SourceLocation(file: path, line: 1),
      .formatUnknown(because: "the first line is not a native header, a RIF header or JSON"))
  }
}

extension Diagnostic.Message {
  /// A claims input whose format cannot be told from what it holds, and why.
  static func formatUnknown(because reason: String) -> Self {
    Self("cannot tell the claims format: \(reason); give --format \(ClaimFormat.usage)")
  }
}
