import Testing

@testable import GrouperSupport

@Suite("Interner")
struct InternerTests {
  @Test("each distinct string gets one id; the empty string is 0")
  func ids() {
    var i = Interner()
    #expect(i.intern("") == 0)
    let a = i.intern("C1")
    let b = i.intern("C2")
    #expect(a != b)
    #expect(i.intern("C1") == a)
    #expect(i.lookup("C2") == b)
    #expect(i.lookup("C3") == nil)
    #expect(i.string(b) == "C2")
  }

  @Test("many strings survive the table's growth")
  func growth() {
    var i = Interner()
    let ids = (0..<20_000).map { i.intern("member-\($0)") }
    #expect(Set(ids).count == 20_000)
    for n in stride(from: 0, to: 20_000, by: 997) {
      #expect(i.lookup("member-\(n)") == ids[n])
      #expect(i.string(ids[n]) == "member-\(n)")
    }
  }

  @Test("without its hash table an interner keeps its ids, finds strings, and builds it again")
  func droppedIndex() {
    var i = Interner()
    let ids = (0..<1_000).map { i.intern("C\($0)") }
    i.dropIndex()
    // Ids and text are kept; lookup scans.
    #expect(i.count == 1_001)
    #expect(i.string(ids[517]) == "C517")
    #expect(i.lookup("C517") == ids[517])
    #expect(i.lookup("") == 0)
    #expect(i.lookup("C1000") == nil)
    // Interning again builds the table: old strings keep their ids, a new one takes the next.
    #expect(i.intern("C999") == ids[999])
    #expect(i.intern("C1000") == 1_001)
    #expect(i.lookup("C3") == ids[3])
    // Reserving room without a table builds one that holds the strings already in.
    i.dropIndex()
    i.reserveCapacity(10, bytes: 0)
    #expect(i.lookup("C42") == ids[42])
  }

  @Test("interning all of another interner gives the ids interning its strings one by one does")
  func internAll() {
    // 40 strings (three batches of 16, 16 and 8), every third already in the target.
    var other = Interner()
    var target = Interner()
    var oneByOne = Interner()
    for n in 0..<40 {
      _ = other.intern("S\(n)")
      if n % 3 == 0 {
        _ = target.intern("S\(n)")
        _ = oneByOne.intern("S\(n)")
      }
    }
    _ = target.intern("T")
    _ = oneByOne.intern("T")
    let ids = target.intern(allOf: other)
    let expected = (0..<UInt32(other.count)).map { id in
      other.withBytes(id) { oneByOne.intern($0) }
    }
    #expect(ids == expected)
    // 14 already there (S0, S3, …, S39) and T, plus 26 new: 1 + 15 + 26 = 42 with the empty one.
    #expect(target.count == 42)
    #expect(ids[0] == 0)
    for id in 1..<UInt32(other.count) { #expect(target.string(ids[Int(id)]) == other.string(id)) }
    // Into a table whose index was dropped, too.
    var dropped = Interner()
    _ = dropped.intern("S5")
    dropped.dropIndex()
    let again = dropped.intern(allOf: other)
    #expect(again[6] == 1 && dropped.count == 41)
  }

  @Test("order comes from the strings, not the ids")
  func order() {
    var i = Interner()
    let b = i.intern("b")
    let a = i.intern("a")
    let ab = i.intern("ab")
    #expect(i.precedes(a, b))
    #expect(i.precedes(a, ab))
    #expect(i.precedes(ab, b))
    #expect(!i.precedes(b, a))
    let rank = i.sortedRanks()
    #expect(rank[Int(a)] < rank[Int(ab)] && rank[Int(ab)] < rank[Int(b)])
  }
}
