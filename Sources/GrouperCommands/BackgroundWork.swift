import Foundation
import Synchronization

/// Work started on a thread of its own, whose result (or error) is taken where it is needed:
/// `group` reads the members file while the claims are read.
final class BackgroundWork<Value: Sendable>: Sendable {
  /// The result, once the work has ended.
  private let outcome = Mutex<Result<Value, any Error>?>(nil)
  /// Signalled when the work ends.
  private let done = DispatchSemaphore(value: 0)

  /// Starts `work` on a new thread.
  init(_ work: @escaping @Sendable () throws -> Value) {
    Thread.detachNewThread { [self] in
      let result = Result { try work() }
      outcome.withLock { $0 = result }
      done.signal()
    }
  }

  /// Waits for the work to end; its value, or the error it threw.
  func value() throws -> Value {
    done.wait()
    done.signal()
    return try outcome.withLock { $0! }.get()
  }
}
