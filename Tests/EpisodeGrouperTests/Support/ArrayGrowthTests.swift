import Testing

@testable import GrouperSupport

@Suite("Array growth")
struct ArrayGrowthTests {
  @Test("room made part by part at least doubles, so many small reservations stay few")
  func doubling() {
    var array: [Int] = []
    array.reserveCapacity(100)
    let first = array.capacity
    // 1,000 parts of 10: exact reservations would reallocate on every part past the first
    // capacity; doubling reallocates about log2(10,000 / 100) ≈ 7 times.
    var reallocations = 0
    for part in 0..<1_000 {
      let before = array.capacity
      array.reserveGrowing(to: array.count + 10)
      if array.capacity != before {
        reallocations += 1
        #expect(array.capacity >= 2 * before)
      }
      array += Array(repeating: part, count: 10)
    }
    #expect(array.count == 10_000)
    #expect(first >= 100)
    #expect(reallocations <= 8)
    // Room already there changes nothing.
    let capacity = array.capacity
    array.reserveGrowing(to: 5)
    #expect(array.capacity == capacity)
  }
}
