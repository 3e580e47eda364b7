import GrouperSupport

/// The date layouts RIF files are read in: `19-Mar-2017` as CMS's extracts write them (the month
/// in any case), and `20170319` or `2017-03-19` as other CCW flat files and exports do.
enum RIFDates {
  /// The layouts tried, in order; they cannot be mistaken for one another.
  static let patterns: [DatePattern] = [.rif, .compact, .iso]

  /// The day the bytes spell in one of the layouts, or nil.
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Day? {
    for pattern in patterns {
      if let day = pattern.parse(bytes) { return day }
    }
    return nil
  }
}

extension Diagnostic.Message {
  /// A RIF date that none of the layouts reads.
  static let notARIFDate = Self(
    "not a real date in the form DD-Mon-YYYY (19-Mar-2017), YYYYMMDD or YYYY-MM-DD")
}
