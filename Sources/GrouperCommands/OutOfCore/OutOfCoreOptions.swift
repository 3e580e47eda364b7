import Foundation
import GrouperSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `group --memory-limit SIZE` and `--temp-dir DIR`: how much memory a run may plan to use, and
/// where it spills claim lines when the input would not fit (see ``OutOfCoreGroup``).
struct OutOfCoreOptions: Sendable {
  /// The two options' specs.
  static let specs = [
    OptionSpec(
      "memory-limit", value: "size",
      help: "Memory the run may plan for: 512M, 2G (default: half the physical memory)."),
    OptionSpec(
      "temp-dir", value: "folder",
      help: "Where spill files go when the claims exceed the limit (default: $TMPDIR, else /tmp)."),
  ]

  /// The limit in bytes.
  let memoryLimit: Int
  /// The folder spill folders are made in.
  let tempDir: String

  /// The options as given to `command`; throws a usage error for a size that is not one, or a
  /// temporary folder that is missing, not a folder, or not writable.
  init(_ arguments: ParsedArguments, command: String) throws {
    if let text = arguments.value("memory-limit") {
      guard let bytes = Self.size(text) else {
        throw Diagnostic.usage(command, .badMemoryLimit(text))
      }
      memoryLimit = bytes
    } else {
      memoryLimit = Self.defaultLimit
    }
    if let given = arguments.value("temp-dir") {
      if let problem = Self.problem(withFolder: given) {
        throw Diagnostic.usage(command, .badTempDir(given, problem))
      }
      tempDir = given
    } else {
      tempDir = Self.systemTemporaryFolder
    }
  }

  /// Options given directly (tests).
  init(memoryLimit: Int, tempDir: String) {
    self.memoryLimit = memoryLimit
    self.tempDir = tempDir
  }

  /// A size: a number (a decimal point allowed) and an optional unit K, M, G or T (powers of
  /// 1024, upper or lower case, an optional trailing B); nil unless it is at least one byte.
  static func size(_ text: String) -> Int? {
    var digits = text.trimmingCharacters(in: .whitespaces).uppercased()
    if digits.hasSuffix("IB") {
      digits.removeLast(2)
    } else if digits.hasSuffix("B") {
      digits.removeLast()
    }
    var scale = 1.0
    if let unit = digits.last, let power = "KMGT".firstIndex(of: unit) {
      scale = pow(1024, Double("KMGT".distance(from: "KMGT".startIndex, to: power) + 1))
      digits.removeLast()
    }
    guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
      digits.filter({ $0 == "." }).count <= 1, digits != ".", let number = Double(digits)
    else { return nil }
    let bytes = number * scale
    guard bytes >= 1, bytes < 9.0e18 else { return nil }
    return Int(bytes)
  }

  /// Half of the physical memory (`sysconf(_SC_PHYS_PAGES)` pages of `_SC_PAGESIZE` bytes), or
  /// 2 GiB where the system does not say: the run leaves the rest to the system and other work.
  static var defaultLimit: Int {
    let pages = sysconf(Int32(_SC_PHYS_PAGES))
    let pageSize = sysconf(Int32(_SC_PAGESIZE))
    guard pages > 0, pageSize > 0 else { return 2 << 30 }
    return pages * pageSize / 2
  }

  /// The system's temporary folder: `TMPDIR` when it names a writable folder, else `/tmp`.
  static var systemTemporaryFolder: String {
    if let dir = ProcessInfo.processInfo.environment["TMPDIR"], !dir.isEmpty,
      problem(withFolder: dir) == nil
    {
      return dir
    }
    return "/tmp"
  }

  /// What keeps `path` from holding spill files (missing, not a folder, not writable), or nil.
  static func problem(withFolder path: String) -> String? {
    var isDirectory: ObjCBool = false
    guard !path.isEmpty, FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
    else { return "no such folder" }
    guard isDirectory.boolValue else { return "not a folder" }
    guard access(path, W_OK | X_OK) == 0 else { return "not writable" }
    return nil
  }
}
