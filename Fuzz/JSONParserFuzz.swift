// libFuzzer harness for the JSONParser: built and run by Scripts/fuzz.sh json SECONDS, not by
// `swift build`. It checks the rules in Tests/EpisodeGrouperTests/Fuzz/ParserProperties.swift
// and crashes (so libFuzzer keeps the input) when one is broken.

/// libFuzzer's entry point: checks one input; a broken rule stops the process with its description.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  do {
    try ParserProperties.checkJSON(bytes)
  } catch {
    fatalError("JSONParser: \(error)")
  }
  return 0
}
