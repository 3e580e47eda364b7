import GrouperCommands

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

#if canImport(Glibc)
  // Large buffers (claim lines, parts of a file read in parallel) are mapped and unmapped on
  // their own rather than carved from the heap: glibc's default threshold rises after the first
  // such free, and the heap then holds freed parts as resident memory that nothing reuses.
  // `mallopt` (malloc.h) is not in the Glibc module: looked up by name; M_MMAP_THRESHOLD is -3.
  if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") {
    typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    _ = unsafeBitCast(symbol, to: Mallopt.self)(-3, 256 << 10)
  }
#endif
GrouperCLI.installInterruptHandlers()
exit(GrouperCLI.run(Array(CommandLine.arguments.dropFirst())).rawValue)
