import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a run has staged and must remove when it is interrupted: SIGINT and SIGTERM remove every
/// registered path, then end the process with status 130 or 143 (128 + the signal), so an
/// interrupted run leaves the old outputs as they were and no staged files behind.
///
/// The handlers run on a dispatch queue, not in signal context, so they may remove folders. The
/// swap of an output folder holds ``withCleanupHeld(_:)``, so a signal never lands between the
/// swap and the bookkeeping after it.
package enum Interrupts {
  /// A path to remove on interruption: a whole tree, or a folder only when it is still empty.
  private struct Entry {
    var path: String
    var onlyIfEmpty: Bool
  }

  /// The registered paths by token, and the next token.
  private static let state = Mutex<(entries: [Int: Entry], next: Int)>(([:], 0))
  /// The installed signal sources (kept alive), nil until ``install()``.
  private static let sources = Mutex<[DispatchSourceSignal]?>(nil)

  /// Installs the SIGINT and SIGTERM handlers; later calls do nothing.
  package static func install() {
    sources.withLock { installed in
      guard installed == nil else { return }
      var made: [DispatchSourceSignal] = []
      for number in [SIGINT, SIGTERM] {
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        source.setEventHandler { interrupted(by: number) }
        source.resume()
        made.append(source)
      }
      installed = made
    }
  }

  /// Registers `path` for removal on interruption; `onlyIfEmpty` removes a folder only when it
  /// holds nothing. Returns the token that ``unregister(_:)`` takes.
  package static func register(_ path: String, onlyIfEmpty: Bool = false) -> Int {
    state.withLock { s in
      s.next += 1
      s.entries[s.next] = Entry(path: path, onlyIfEmpty: onlyIfEmpty)
      return s.next
    }
  }

  /// Forgets a registered path.
  package static func unregister(_ token: Int) {
    _ = state.withLock { $0.entries.removeValue(forKey: token) }
  }

  /// Runs `body` while no interruption can clean up, so what it changes on disk and the
  /// registrations it makes happen together.
  package static func withCleanupHeld(_ body: () throws -> Void) throws {
    var failure: (any Error)?
    state.withLock { _ in
      do { try body() } catch { failure = error }
    }
    if let failure { throw failure }
  }

  /// Removes every registered path and ends the process.
  private static func interrupted(by number: Int32) {
    state.withLock { s in
      for entry in s.entries.values.sorted(by: { $0.path.count > $1.path.count }) {
        if entry.onlyIfEmpty {
          rmdir(entry.path)
        } else if rename(entry.path, entry.path + ".old") == 0 {
          // Renamed first, so a file the run is still creating cannot land in what is removed.
          try? FileManager.default.removeItem(atPath: entry.path + ".old")
        } else {
          try? FileManager.default.removeItem(atPath: entry.path)
        }
      }
      s.entries.removeAll()
    }
    _exit(128 + number)
  }
}

/// Whether process `pid` is alive: a leftover named after a dead process is stale.
package func processIsAlive(_ pid: Int32) -> Bool {
  guard pid > 0 else { return false }
  return kill(pid, 0) == 0 || errno == EPERM
}
