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
