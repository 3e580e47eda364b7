import Foundation

/// The bytes of a whole input file (a definition, price, method or mapping file), or a located
/// error naming it when it is missing, a folder or unreadable: `message` says which kind of file
/// was looked for (``Diagnostic/Message/noSuchFile`` by default).
package func inputFileBytes(_ path: String, missing message: Diagnostic.Message = .noSuchFile)
  throws -> [UInt8]
{
  var isDirectory: ObjCBool = false
  guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
    !isDirectory.boolValue,
    let data = FileManager.default.contents(atPath: path)
  else { throw Diagnostic(at: SourceLocation(file: path), message) }
  return Array(data)
}
