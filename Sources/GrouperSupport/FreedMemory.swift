#if canImport(Glibc)
  import Glibc
#endif

/// Returning memory the program has freed to the system.
package enum FreedMemory {
  /// Hands the pages of freed heap memory back to the system (glibc's `malloc_trim`, looked up
  /// by name: malloc.h is not in the Glibc module), so that memory a finished stage freed in
  /// small pieces (the grouping's per-block results) stops counting as resident while the next
  /// stage runs. Does nothing elsewhere.
  package static func release() {
    #if canImport(Glibc)
      if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") {
        typealias Trim = @convention(c) (Int) -> Int32
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
      }
    #endif
  }
}
