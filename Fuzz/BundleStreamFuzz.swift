// libFuzzer harness for the FHIR BundleStream and the FHIR reader behind it: built and run by
// Scripts/fuzz.sh fhir SECONDS, not by `swift build`. It checks the rules in
// Tests/EpisodeGrouperTests/Fuzz/ParserProperties.swift and crashes (so libFuzzer keeps the
// input) when one is broken.

/// libFuzzer's entry point: checks one input; a broken rule stops the process with its description.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  do {
    try ParserProperties.checkBundleStream(bytes, smallChunk: 1 + Int(bytes.first ?? 0) % 61)
  } catch {
    fatalError("BundleStream: \(error)")
  }
  return 0
}
