extension JSONWriter.Value {
  /// A parsed JSON value to write again as it was read: members in their order, numbers as
  /// written.
  package init(_ node: JSONNode) {
    switch node.value {
    case .null: self = .null
    case .bool(let b): self = .bool(b)
    case .number(let text): self = .raw(text)
    case .string(let s): self = .string(s)
    case .array(let items): self = .array(items.map(JSONWriter.Value.init))
    case .object(let members):
      self = .object(members.map { ($0.key, JSONWriter.Value($0.value)) })
    }
  }
}
