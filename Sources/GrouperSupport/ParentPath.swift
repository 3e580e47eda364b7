/// The folder part of `path`: `a/b` for `a/b/c`, `/` for `/c`, and "" for a bare name (Foundation's
/// `deletingLastPathComponent` traps on a bare name on Linux).
package func parentPath(_ path: String) -> String {
  var trimmed = Substring(path)
  while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
  guard let slash = trimmed.lastIndex(of: "/") else { return "" }
  return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
}
