extension Duration {
  /// The duration in seconds, for timings printed as `1.25 s` and rates in rows per second.
  var seconds: Double {
    let (whole, fraction) = components
    return Double(whole) + Double(fraction) / 1e18
  }
}
