import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An output folder replaced as a whole: a reader of `DIR` sees the complete old set of files or
/// the complete new one, never a mix, and a run that fails or is interrupted leaves the old set.
///
/// The mechanism, in order:
/// 1. **Lock.** `DIR` is created when missing and locked with `flock` on the folder itself,
///    non-blocking: a second run into a folder in use fails with a ``Diagnostic/Kind/busy``
///    diagnostic (the commands exit 75). The kernel drops the lock when a process dies, so a killed run never
///    leaves the folder locked.
/// 2. **Check.** Before anything is written: a folder where an output file belongs, or a
///    subfolder the tool does not own (a sign that `DIR` is not an output folder, such as `.` or
///    a project folder), stops the run with nothing changed. Leftovers of dead runs (a staging
///    folder beside `DIR` named after a dead process, `.NAME.PID.tmp` files inside it) are removed.
/// 3. **Stage.** Every file of the run is written into `.DIR.grouper-new.PID`, a sibling of `DIR`
///    on the same file system.
/// 4. **Swap.** Files in `DIR` the tool does not own (a user's notes, `.DS_Store`) are hard-linked
///    into the staged folder; owned names this run did not write (`pricing.csv` after a run without
///    prices) are left out. Then one `renameat2(RENAME_EXCHANGE)` (Linux) or
///    `renamex_np(RENAME_SWAP)` (macOS) swaps the staged folder and `DIR`, and the old set, now at
///    the staging name, is deleted. Where the file system cannot exchange, `DIR` is renamed aside
///    and the new folder renamed in: for that instant `DIR` is missing, never mixed.
///
/// SIGINT and SIGTERM remove the staging folder (see ``Interrupts``). Because `DIR` is replaced,
/// its parent must be writable, and a shell whose current folder is `DIR` sees the old, deleted
/// folder until it changes folder again.
package final class OutputFolder {
  /// The folder, as the user gave it.
  package let path: String
  /// The folder's absolute path with symbolic links resolved, so the staging folder is its
  /// sibling on the same file system.
  private let real: String
  /// The staging folder: `.NAME.grouper-new.PID` beside the folder.
  private let staging: String
  /// Whether a path relative to the folder names a file the tool owns.
  private let owns: (String) -> Bool
  /// Subfolders the tool owns (import's `codesets`); their files are owned or carried over too.
  private let ownedFolders: Set<String>
  /// The open folder holding the lock, -1 once released.
  private var lock: Int32
  /// Relative paths staged by this run.
  private var written: Set<String> = []
  /// Interrupt registrations to drop when done.
  private var tokens: [Int] = []
  /// Whether this run created the folder (removed again, when still empty, if the run fails).
  private let created: Bool

  /// Prepares to replace the folder at `path`: creates it when missing, locks it, removes what
  /// dead runs left, checks that nothing blocks the outputs, and creates the staging folder.
  ///
  /// `owns` says which paths relative to the folder are the tool's own files; `ownedFolders`
  /// names the subfolders the tool writes. Throws a located ``Diagnostic``: of kind
  /// ``Diagnostic/Kind/busy`` when another run holds the folder, of kind
  /// ``Diagnostic/Kind/outputNotWritable`` when it cannot be used.
  package init(path: String, owns: @escaping (String) -> Bool, ownedFolders: Set<String> = [])
    throws
  {
    self.path = path
    self.owns = owns
    self.ownedFolders = ownedFolders
    let manager = FileManager.default
    var isDirectory: ObjCBool = false
    var made = false
    if manager.fileExists(atPath: path, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else {
        throw Diagnostic(at: SourceLocation(file: path), .outputNotAFolder)
      }
    } else {
      let parent = parentPath(path)
      do {
        if !parent.isEmpty {
          try manager.createDirectory(atPath: parent, withIntermediateDirectories: true)
        }
      } catch {
        throw Diagnostic(at: SourceLocation(file: path), .cannotCreateFolder)
      }
      if mkdir(path, 0o777) == 0 {
        made = true
      } else if errno != EEXIST {
        throw Diagnostic(at: SourceLocation(file: path), .cannotCreateFolder)
      }
    }
    created = made
    guard let resolved = Self.resolve(path) else {
      throw Diagnostic(at: SourceLocation(file: path), .cannotResolveFolder)
    }
    real = resolved
    let parent = parentPath(resolved)
    let name = (resolved as NSString).lastPathComponent
    let pid = getpid()
    staging = (parent as NSString).appendingPathComponent(".\(name).grouper-new.\(pid)")
    lock = -1

    if let cwd = Self.resolve(manager.currentDirectoryPath),
      cwd == resolved || cwd.hasPrefix(resolved + "/") || resolved == "/"
    {
      throw Diagnostic(at: SourceLocation(file: path), .folderHoldsCurrentFolder)
    }
    lock = try Self.acquire(resolved, given: path, parent: parent, name: name)
    do {
      Self.removeLeftovers(parent: parent, name: name, folder: resolved)
      try checkBlockers()
      // Registered before it is made: a signal the moment it exists must find it registered.
      tokens.append(Interrupts.register(staging))
      guard mkdir(staging, 0o700) == 0 else {
        let reason = String(cString: strerror(errno))
        throw Diagnostic(at: SourceLocation(file: staging), .cannotCreateStaging(reason))
      }
      if made { tokens.append(Interrupts.register(resolved, onlyIfEmpty: true)) }
    } catch {
      discard()
      throw error
    }
  }

  deinit { discard() }

  /// Writes `bytes` as `name` (a path relative to the folder) into the staged set.
  package func stage(_ name: String, _ bytes: [UInt8]) throws {
    let target = (staging as NSString).appendingPathComponent(name)
    do {
      try makeParents(of: name)
      // Written from the array's own storage: a run's largest output is not copied first.
      try bytes.withUnsafeBytes { raw in
        let data = Data(
          bytesNoCopy: UnsafeMutableRawPointer(
            mutating: raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!),
          count: raw.count, deallocator: .none)
        try data.write(to: URL(fileURLWithPath: target))
      }
    } catch {
      discard()
      throw Diagnostic(
        at: SourceLocation(file: (path as NSString).appendingPathComponent(name)),
        .cannotWrite(error.localizedDescription))
    }
    written.insert(name)
  }

  /// Opens `name` of the new set for writing in pieces, so a large table never sits whole in
  /// memory; commit the file before the folder's ``commit()``. Throws a located diagnostic when it
  /// cannot be made.
  package func openForWriting(_ name: String) throws -> StagedFile {
    do {
      try makeParents(of: name)
      // Named in diagnostics where it will be once the run's folder is in place.
      let file = try StagedFile(
        path: (staging as NSString).appendingPathComponent(name),
        shownAs: (path as NSString).appendingPathComponent(name))
      written.insert(name)
      return file
    } catch {
      discard()
      throw error
    }
  }

  /// Keeps the folder's current `name` in the new set, as it is (a hard link, no copy); returns
  /// false when there is no such file. `grouper price` keeps the episodes it priced this way.
  @discardableResult
  package func keep(_ name: String, from folder: String? = nil) throws -> Bool {
    let source = ((folder.flatMap(Self.resolve) ?? real) as NSString).appendingPathComponent(name)
    var info = stat()
    guard lstat(source, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
    do {
      try makeParents(of: name)
      try Self.carry(source, to: (staging as NSString).appendingPathComponent(name))
    } catch {
      discard()
      throw Diagnostic(
        at: SourceLocation(file: (path as NSString).appendingPathComponent(name)),
        .cannotKeep("\(error)"))
    }
    written.insert(name)
    return true
  }

  /// Carries the folder's other files into the staged set and swaps it in, then deletes the old
  /// set and releases the lock.
  package func commit() throws {
    guard lock >= 0 else { return }
    do {
      try carryForeignFiles(relative: "")
      var info = stat()
      if stat(real, &info) == 0 { chmod(staging, info.st_mode & 0o7777) }
      // After the swap the old set is at the staging name, still registered for removal; a
      // signal must not land between the two renames of the fallback.
      try Interrupts.withCleanupHeld { try swapIn() }
    } catch let d as Diagnostic {
      discard()
      throw d
    } catch {
      discard()
      throw Diagnostic(at: SourceLocation(file: path), .cannotSwapIn("\(error)"))
    }
    try? FileManager.default.removeItem(atPath: staging)
    release()
  }

  /// Abandons the staged set: removes it, removes the folder when this run created it and it is
  /// still empty, and releases the lock.
  package func discard() {
    guard lock >= 0 else { return }
    try? FileManager.default.removeItem(atPath: staging)
    if created { rmdir(real) }
    release()
  }

  /// Drops the interrupt registrations and the lock.
  private func release() {
    for token in tokens { Interrupts.unregister(token) }
    tokens.removeAll()
    close(lock)
    lock = -1
  }

  /// Creates the staged folders `name` needs.
  private func makeParents(of name: String) throws {
    let folder = parentPath(name)
    guard !folder.isEmpty else { return }
    try FileManager.default.createDirectory(
      atPath: (staging as NSString).appendingPathComponent(folder),
      withIntermediateDirectories: true)
  }

  /// Fails when a folder sits where an output file belongs, or when the folder holds a subfolder
  /// the tool does not own.
  private func checkBlockers(relative: String = "") throws {
    let folder = relative.isEmpty ? real : (real as NSString).appendingPathComponent(relative)
    for entry in Self.entries(folder) {
      let name = relative.isEmpty ? entry : relative + "/" + entry
      let full = (folder as NSString).appendingPathComponent(entry)
      var info = stat()
      guard lstat(full, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { continue }
      let shown = (path as NSString).appendingPathComponent(name)
      if owns(name) {
        throw Diagnostic(at: SourceLocation(file: shown), .folderWhereOutputBelongs)
      }
      guard ownedFolders.contains(name) else {
        throw Diagnostic(at: SourceLocation(file: shown), .foreignSubfolder)
      }
      try checkBlockers(relative: name)
    }
  }

  /// Hard-links into the staged set every file of the folder the tool does not own and this run
  /// did not write, so a user's own files survive the swap.
  private func carryForeignFiles(relative: String) throws {
    let folder = relative.isEmpty ? real : (real as NSString).appendingPathComponent(relative)
    for entry in Self.entries(folder) {
      let name = relative.isEmpty ? entry : relative + "/" + entry
      let full = (folder as NSString).appendingPathComponent(entry)
      var info = stat()
      guard lstat(full, &info) == 0 else { continue }
      if (info.st_mode & S_IFMT) == S_IFDIR {
        if ownedFolders.contains(name) { try carryForeignFiles(relative: name) }
        continue
      }
      if written.contains(name) || owns(name) || Self.isStaleTemporary(entry) { continue }
      try makeParents(of: name)
      try Self.carry(full, to: (staging as NSString).appendingPathComponent(name))
    }
  }

  /// Exchanges the staged folder and the folder in one step where the system can, else renames
  /// the folder aside and the staged folder in.
  private func swapIn() throws {
    if Self.exchange(staging, real) { return }
    let aside = staging + ".old"
    guard rename(real, aside) == 0 else {
      throw Diagnostic(
        at: SourceLocation(file: path), .cannotMoveOldAside(String(cString: strerror(errno))))
    }
    guard rename(staging, real) == 0 else {
      let reason = String(cString: strerror(errno))
      rename(aside, real)
      throw Diagnostic(at: SourceLocation(file: path), .cannotMoveNewIn(reason))
    }
    // The old set takes the staging name, where the caller deletes it.
    rename(aside, staging)
  }

  /// Swaps two paths atomically; false when the system or file system cannot.
  private static func exchange(_ a: String, _ b: String) -> Bool {
    #if canImport(Glibc)
      typealias RenameAt2 =
        @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
      guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "renameat2") else { return false }
      let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
      let renameExchange: UInt32 = 1 << 1
      return renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0
    #elseif canImport(Darwin)
      let renameSwap: UInt32 = 0x0000_0002
      return renamex_np(a, b, renameSwap) == 0
    #else
      return false
    #endif
  }

  /// Opens and locks the folder; retries when the folder was swapped between opening and
  /// locking, so the lock is always on the folder now at the path.
  private static func acquire(_ folder: String, given: String, parent: String, name: String)
    throws -> Int32
  {
    for _ in 0..<20 {
      let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
      guard descriptor >= 0 else {
        throw Diagnostic(
          at: SourceLocation(file: given), .cannotOpenFolder(String(cString: strerror(errno))))
      }
      guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
        close(descriptor)
        throw Diagnostic(
          at: SourceLocation(file: given), .folderInUse(pid: holder(parent: parent, name: name)))
      }
      var locked = stat()
      var current = stat()
      if fstat(descriptor, &locked) == 0, stat(folder, &current) == 0,
        locked.st_dev == current.st_dev, locked.st_ino == current.st_ino
      {
        return descriptor
      }
      close(descriptor)
    }
    throw Diagnostic(
      at: SourceLocation(file: given), .folderInUse(pid: holder(parent: parent, name: name)))
  }

  /// The process whose staging folder sits beside the folder, when one is alive.
  private static func holder(parent: String, name: String) -> Int32? {
    for entry in entries(parent) {
      if let pid = leftoverPID(entry, name: name), processIsAlive(pid) { return pid }
    }
    return nil
  }

  /// Removes staging folders of dead runs beside the folder and dead runs' temporary files in it.
  private static func removeLeftovers(parent: String, name: String, folder: String) {
    for entry in entries(parent) {
      guard let pid = leftoverPID(entry, name: name), !processIsAlive(pid) else { continue }
      try? FileManager.default.removeItem(
        atPath: (parent as NSString).appendingPathComponent(entry))
    }
    for entry in entries(folder) where isStaleTemporary(entry) {
      unlink((folder as NSString).appendingPathComponent(entry))
    }
  }

  /// The process id in the name of a staging folder of `name` (`.NAME.grouper-new.PID`, or
  /// `.NAME.grouper-new.PID.old` while renamed aside), nil for other names.
  private static func leftoverPID(_ entry: String, name: String) -> Int32? {
    let prefix = ".\(name).grouper-new."
    guard entry.hasPrefix(prefix) else { return nil }
    var rest = entry.dropFirst(prefix.count)
    if rest.hasSuffix(".old") { rest = rest.dropLast(4) }
    return Int32(rest)
  }

  /// Whether `entry` is a temporary file of a dead run: `.NAME.PID.tmp`.
  package static func isStaleTemporary(_ entry: String) -> Bool {
    guard entry.hasPrefix("."), entry.hasSuffix(".tmp") else { return false }
    let parts = entry.dropLast(4).split(separator: ".")
    guard parts.count >= 2, let pid = Int32(parts.last!) else { return false }
    return !processIsAlive(pid)
  }

  /// Links `source` to `target`, or copies it where a link is not allowed.
  private static func carry(_ source: String, to target: String) throws {
    if linkat(AT_FDCWD, source, AT_FDCWD, target, 0) == 0 { return }
    try FileManager.default.copyItem(atPath: source, toPath: target)
  }

  /// The names in a folder (none when it cannot be read).
  private static func entries(_ folder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
  }

  /// The absolute path with symbolic links resolved, nil when it does not exist.
  static func resolve(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }
}
