/// One of N shards of the members, for grouping a large extract on several machines: member
/// `id` is in shard K (1-based) when FNV-1a 64 of its id's UTF-8 bytes, mod N, is K − 1. The
/// hash depends on the bytes alone, so a member falls in the same shard on every machine and run.
package struct MemberShard: Sendable, Equatable {
  /// The shard, 1 through ``count``.
  package var index: Int
  /// How many shards there are.
  package var count: Int

  /// The hash, as `summary.json` names it.
  package static let hashName = "fnv1a64(member_id bytes) mod count = index - 1"

  /// Shard `index` of `count`; nil unless 1 ≤ index ≤ count.
  package init?(index: Int, count: Int) {
    guard count >= 1, index >= 1, index <= count else { return nil }
    self.index = index
    self.count = count
  }

  /// FNV-1a 64 of `bytes`: offset basis 0xcbf29ce484222325, prime 0x100000001b3.
  package static func hash<C: Collection<UInt8>>(_ bytes: C) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes {
      h ^= UInt64(b)
      h = h &* 0x100_0000_01b3
    }
    return h
  }

  /// Whether the member with id bytes `id` is in this shard.
  package func contains<C: Collection<UInt8>>(_ id: C) -> Bool {
    Self.hash(id) % UInt64(count) == UInt64(index - 1)
  }

  /// For each member of `store` (by interned id), whether it is in this shard.
  package func members(of store: ClaimStore) -> [Bool] {
    (0..<UInt32(store.members.count)).map { m in store.members.withBytes(m) { contains($0) } }
  }
}
