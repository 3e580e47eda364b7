import GrouperCommands

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

GrouperCLI.installInterruptHandlers()
exit(GrouperCLI.run(Array(CommandLine.arguments.dropFirst())).rawValue)
