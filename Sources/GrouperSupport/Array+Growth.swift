extension Array {
  /// Makes room for `count` elements in all, at least doubling the capacity when it must grow.
  /// `reserveCapacity` allocates exactly what is asked, so calling it before each of many
  /// appends (a part of a file at a time) would copy the whole array each time; this stays
  /// linear.
  package mutating func reserveGrowing(to count: Int) {
    guard count > capacity else { return }
    reserveCapacity(Swift.max(count, capacity * 2))
  }
}
