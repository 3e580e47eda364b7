/// A table of distinct byte strings, each given a small integer id on first sight.
///
/// Claim ids, member ids, providers and codes repeat across millions of claim lines; interning
/// them once makes a claim line a few integers and makes code-set tests a bit lookup. Id 0 is
/// always the empty string, which stands for "no value". Ids depend on the order strings are first
/// seen, so nothing that reaches the output may depend on them: outputs compare the strings.
public struct Interner: Sendable {
  private var arena: [UInt8] = []
  /// Where each string starts in the arena, and the arena's end last (32 bits: an interner holds
  /// at most 4 GiB of text, checked).
  private var starts: [UInt32] = [0]
  /// Open-addressing slots: the hash's high 32 bits, then id + 1 in the low 32 (0 = empty), so
  /// most probes touch one cache line. Hashes are not kept: growing recomputes them.
  private var slots: [UInt64]
  private var mask: Int

  /// An interner holding only the empty string, as id 0.
  public init() {
    slots = Array(repeating: 0, count: 64)
    mask = 63
    _ = [UInt8]().withUnsafeBufferPointer { intern($0) }
  }

  /// Makes room for `count` strings of `bytes` bytes in all, so a table whose size is known
  /// roughly in advance is not rehashed as it grows.
  public mutating func reserveCapacity(_ count: Int, bytes: Int) {
    arena.reserveCapacity(bytes)
    starts.reserveCapacity(count + 1)
    let size = Self.tableSize(for: max(count, self.count))
    if size > slots.count { rehash(size) }
  }

  /// The bytes of all the strings.
  public var byteCount: Int { arena.count }

  /// The number of distinct strings, the empty one included.
  public var count: Int { starts.count - 1 }

  /// The id of `bytes`, adding them when new.
  public mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
    if slots.isEmpty { rehash(Self.tableSize(for: count)) }
    return internHashed(bytes, hash: Interner.hash(bytes))
  }

  /// Frees the hash table once every string is in, keeping ids and text: a run's claim ids
  /// (most of a million lines' ids distinct) are then looked up by id only, and the table is
  /// 8 bytes a slot at two slots per id. ``lookup(_:)-(UnsafeBufferPointer<UInt8>)`` then scans
  /// the strings, and a later ``intern(_:)-(UnsafeBufferPointer<UInt8>)`` builds the table again.
  public mutating func dropIndex() {
    slots = []
    mask = 0
  }

  /// The table size (a power of two, at least 64) that holds `count` ids at most half full.
  private static func tableSize(for count: Int) -> Int {
    var size = 64
    while count * 2 > size { size *= 2 }
    return size
  }

  /// The id of a string, adding it when new.
  public mutating func intern(_ text: String) -> UInt32 {
    var text = text
    return text.withUTF8 { intern($0) }
  }

  /// The id of `bytes` when they have been interned.
  public func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32? {
    if slots.isEmpty {
      return (0..<UInt32(count)).first { id in withBytes(id) { Interner.compare($0, bytes) == 0 } }
    }
    return lookupHashed(bytes, hash: Interner.hash(bytes))
  }

  /// The id of a string when it has been interned.
  public func lookup(_ text: String) -> UInt32? {
    var text = text
    return text.withUTF8 { lookup($0) }
  }

  /// For each id of `other`, its id here, interning in `other`'s id order the strings this
  /// lacks: the ids interning them one by one would give, with room for them made once.
  public mutating func intern(allOf other: Interner) -> [UInt32] {
    var ids = [UInt32](repeating: 0, count: other.count)
    guard other.count > 1 else { return ids }
    arena.reserveGrowing(to: arena.count + other.arena.count)
    starts.reserveGrowing(to: starts.count + other.count)
    for id in 1..<UInt32(other.count) {
      ids[Int(id)] = other.withBytes(id) { intern($0) }
    }
    return ids
  }

  /// The id of `bytes`, whose hash is `h`, when they have been interned (the table is built).
  private func lookupHashed(_ bytes: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> UInt32? {
    var slot = Int(truncatingIfNeeded: h) & mask
    let tag = h & 0xFFFF_FFFF_0000_0000
    while true {
      let entry = slots[slot]
      if entry == 0 { return nil }
      if entry & 0xFFFF_FFFF_0000_0000 == tag {
        let id = Int(entry & 0xFFFF_FFFF) - 1
        if equals(id, bytes) { return UInt32(id) }
      }
      slot = (slot + 1) & mask
    }
  }

  mutating func internHashed(_ bytes: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> UInt32 {
    var slot = Int(truncatingIfNeeded: h) & mask
    let tag = h & 0xFFFF_FFFF_0000_0000
    while true {
      let entry = slots[slot]
      if entry == 0 { break }
      if entry & 0xFFFF_FFFF_0000_0000 == tag {
        let id = Int(entry & 0xFFFF_FFFF) - 1
        if equals(id, bytes) { return UInt32(id) }
      }
      slot = (slot + 1) & mask
    }
    let id = count
    precondition(id < Int(UInt32.max) - 1, "more than four billion distinct values in one field")
    precondition(
      arena.count + bytes.count <= Int(UInt32.max),
      "more than 4 GiB of distinct values in one field")
    arena.append(contentsOf: bytes)
    starts.append(UInt32(arena.count))
    slots[slot] = tag | UInt64(id + 1)
    if count * 2 > slots.count { grow() }
    return UInt32(id)
  }

  private func equals(_ id: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = Int(starts[id])
    let length = Int(starts[id + 1]) - start
    guard length == bytes.count else { return false }
    return arena.withUnsafeBufferPointer { a in
      length == 0 || memcmp(a.baseAddress! + start, bytes.baseAddress!, length) == 0
    }
  }

  private mutating func grow() { rehash(slots.count * 2) }

  /// Rebuilds the slots at `size`, a power of two more than twice the count.
  private mutating func rehash(_ size: Int) {
    slots = Array(repeating: 0, count: size)
    mask = size - 1
    for id in 0..<count {
      let h = withBytes(UInt32(id)) { Interner.hash($0) }
      var slot = Int(truncatingIfNeeded: h) & mask
      while slots[slot] != 0 { slot = (slot + 1) & mask }
      slots[slot] = h & 0xFFFF_FFFF_0000_0000 | UInt64(id + 1)
    }
  }

  /// Calls `body` with the bytes of `id`.
  public func withBytes<R>(_ id: UInt32, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows
    -> R
  {
    let start = Int(starts[Int(id)])
    let end = Int(starts[Int(id) + 1])
    return try arena.withUnsafeBufferPointer { a in
      try body(UnsafeBufferPointer(rebasing: a[start..<end]))
    }
  }

  /// The string of `id`.
  public func string(_ id: UInt32) -> String {
    withBytes(id) { String(decoding: $0, as: UTF8.self) }
  }

  /// Whether the string of `a` sorts before that of `b`, byte by byte (ids themselves carry no order).
  public func precedes(_ a: UInt32, _ b: UInt32) -> Bool {
    if a == b { return false }
    return withBytes(a) { x in withBytes(b) { y in Interner.compare(x, y) < 0 } }
  }

  /// The byte-wise order of two strings: negative, zero or positive.
  public static func compare(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>)
    -> Int
  {
    let n = min(x.count, y.count)
    if n > 0 {
      let c = memcmp(x.baseAddress!, y.baseAddress!, n)
      if c != 0 { return Int(c) }
    }
    return x.count - y.count
  }

  /// The ranks of all ids in byte-wise string order: `rank[id] < rank[other]` exactly when the
  /// string of `id` sorts first. One sort serves every later comparison.
  public func sortedRanks() -> [UInt32] {
    var ids = Array(0..<UInt32(count))
    ids.sort { precedes($0, $1) }
    var rank = [UInt32](repeating: 0, count: count)
    for (position, id) in ids.enumerated() { rank[Int(id)] = UInt32(position) }
    return rank
  }

  /// A 64-bit hash of bytes (FNV-1a over 8-byte words, then mixed): fast, and spread well enough
  /// for open addressing.
  public static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(bytes.count)
    var i = 0
    let n = bytes.count
    if let base = bytes.baseAddress {
      let raw = UnsafeRawPointer(base)
      while i + 8 <= n {
        h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x0000_0100_0000_01b3
        h ^= h >> 29
        i += 8
      }
      while i < n {
        h = (h ^ UInt64(base[i])) &* 0x0000_0100_0000_01b3
        i += 1
      }
    }
    h ^= h >> 33
    h &*= 0xff51_afd7_ed55_8ccd
    h ^= h >> 33
    return h
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
