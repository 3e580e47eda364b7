import Foundation
import GrouperCore
import GrouperSupport

/// A mapping file: how a payer's own delimited extract maps onto the native claim fields, so the
/// extract is read as it stands (see `SampleClaims/FORMATS.md` and `SampleClaims/mapping-example.json`).
///
/// ```json
/// { "version": 1, "delimiter": "|", "date_format": "MM/dd/yyyy",
///   "fields": { "claim_id": "CLAIM_NO", "dx": { "columns": ["DX1", "DX2"] },
///               "allowed_amount": { "column": "ALLOWED_CENTS", "scale": 2 } } }
/// ```
package struct ClaimMapping: Sendable {
  /// Where one native field's value comes from, and how it is read.
  package struct Field: Sendable {
    /// The source of the value.
    package enum Source: Sendable, Equatable {
      /// One column of the extract.
      case column(String)
      /// Several columns, each holding one code (multi-valued fields only).
      case columns([String])
      /// The same value on every line (`"value": "professional"`).
      case value(String)
    }

    /// The source.
    package var source: Source
    /// Where each source column is named in the mapping file, for errors about the extract.
    package var columnLocations: [SourceLocation]
    /// The date layout (date fields).
    package var dateFormat: DatePattern
    /// The byte separating several codes in one column (multi-valued fields).
    package var separator: UInt8
    /// Implied decimal places of an amount (amount fields): 2 when `123450` means 1234.50.
    package var scale: Int
    /// Source values replaced by native ones before reading (`"IP": "inpatient"`), when given.
    package var values: [String: String]?
  }

  /// The mapping file's name in diagnostics.
  package var file: String
  /// The extract's field delimiter.
  package var delimiter: UInt8
  /// Whether the extract quotes fields with `"` (RFC 4180).
  package var quoting: Bool
  /// The mapped native fields.
  package var fields: [ClaimField: Field]

  private static let topKeys = [
    "version", "description", "delimiter", "quote", "date_format", "amount_scale", "separator",
    "fields",
  ]
  private static let fieldKeys = [
    "column", "columns", "value", "date_format", "separator", "scale", "values",
  ]
  private static let multiValued: Set<ClaimField> = [.dx, .px, .modifiers]
  private static let dates: Set<ClaimField> = [
    .fromDate, .thruDate, .admitDate, .dischargeDate,
  ]
  private static let amounts: Set<ClaimField> = [
    .allowedAmount, .paidAmount, .standardizedAmount, .primaryPayerPaid,
  ]

  /// Loads the mapping file at `path`; throws a located diagnostic for anything it does not
  /// understand.
  package static func load(path: String) throws -> ClaimMapping {
    return try parse(inputFileBytes(path, missing: .noSuchMappingFile), file: path)
  }

  /// Parses a mapping from JSON bytes.
  package static func parse(_ bytes: [UInt8], file: String) throws -> ClaimMapping {
    let root = JSONCursor(root: try JSONParser.parse(bytes, file: file), file: file)
    let o = try root.object()
    try o.rejectUnknownKeys(allowed: topKeys)
    let version = try o.required("version")
    guard try version.int() == 1 else {
      throw version.error(.unknownMappingVersion)
    }
    let delimiter =
      try o.optional("delimiter").map { try byte($0, "delimiter") } ?? UInt8(ascii: ",")
    let quoting = try o.optional("quote")?.bool() ?? true
    let dateFormat = try o.optional("date_format").map(pattern) ?? .iso
    let scale = try o.optional("amount_scale").map(scaleValue) ?? 0
    let separatorCursor = o.optional("separator")
    let separator = try separatorCursor.map { try byte($0, "separator") } ?? UInt8(ascii: "|")
    let fieldsCursor = try o.required("fields")
    let fo = try fieldsCursor.object()
    try fo.rejectUnknownKeys(allowed: ClaimField.allCases.map(\.name))
    var fields: [ClaimField: Field] = [:]
    for member in fo.members {
      let column = ClaimField(name: member.key)!
      let cursor = fo.optional(member.key)!
      var field = Field(
        source: .value(""), columnLocations: [], dateFormat: dateFormat, separator: separator,
        scale: scale, values: nil)
      if case .string(let name) = cursor.node.value {
        guard !name.isEmpty else { throw cursor.error(.emptyColumnName) }
        field.source = .column(name)
        field.columnLocations = [cursor.location]
      } else {
        let spec = try cursor.object()
        try spec.rejectUnknownKeys(allowed: fieldKeys)
        let kind = try spec.exactlyOne(of: ["column", "columns", "value"], what: "a mapped field")
        let source = spec.optional(kind)!
        switch kind {
        case "column":
          field.source = .column(try source.nonEmptyString())
          field.columnLocations = [source.location]
        case "columns":
          guard multiValued.contains(column) else {
            throw source.error(.onlyMultiValued("take several columns"))
          }
          let items = try source.array()
          guard !items.isEmpty else { throw source.error(.emptyColumnList) }
          field.source = .columns(try items.map { try $0.nonEmptyString() })
          field.columnLocations = items.map(\.location)
        default:
          field.source = .value(try source.string())
        }
        if let d = spec.optional("date_format") {
          guard dates.contains(column) else { throw d.error(.onlyDateFieldsTakeAFormat) }
          field.dateFormat = try pattern(d)
        }
        if let s = spec.optional("separator") {
          guard multiValued.contains(column) else {
            throw s.error(.onlyMultiValued("take a separator"))
          }
          field.separator = try byte(s, "separator")
        }
        if let s = spec.optional("scale") {
          guard amounts.contains(column) else { throw s.error(.onlyAmountsTakeAScale) }
          field.scale = try scaleValue(s)
        }
        if let v = spec.optional("values") {
          guard !multiValued.contains(column) else {
            throw v.error(.multiValuedWithValues)
          }
          let vo = try v.object()
          var map: [String: String] = [:]
          for m in vo.members { map[m.key] = try vo.optional(m.key)!.string() }
          field.values = map
        }
      }
      if multiValued.contains(column), case .column = field.source, field.separator == delimiter {
        throw (separatorCursor ?? cursor).error(
          .separatorIsDelimiter(Character(Unicode.Scalar(field.separator))))
      }
      fields[column] = field
    }
    let missing = ClaimField.allCases.filter { $0.isRequired && fields[$0] == nil }
      .map(\.name)
    guard missing.isEmpty else {
      throw fieldsCursor.error(.unmappedFields(missing))
    }
    return ClaimMapping(file: file, delimiter: delimiter, quoting: quoting, fields: fields)
  }

  private static func byte(_ c: JSONCursor, _ what: String) throws -> UInt8 {
    let text = try c.string()
    guard text.utf8.count == 1, let b = text.utf8.first, b != 10, b != 13 else {
      throw c.error(.notOneCharacter(what))
    }
    return b
  }

  private static func pattern(_ c: JSONCursor) throws -> DatePattern {
    do { return try DatePattern(try c.string()) } catch let e as DatePatternError {
      throw c.error(.badDatePattern(e))
    }
  }

  private static func scaleValue(_ c: JSONCursor) throws -> Int {
    let n = try c.int()
    guard (0...6).contains(n) else {
      throw c.error(.badScale)
    }
    return n
  }
}

extension Diagnostic.Message {
  /// A mapping path that is not a readable file.
  static let noSuchMappingFile = Self("no such mapping file", kind: .missingInput)
  /// A mapping `version` other than 1.
  static let unknownMappingVersion = Self("unknown mapping version (expected 1)")
  /// A field mapped to an empty column name.
  static let emptyColumnName = Self("a column name must not be empty")
  /// A multi-valued option on a field that holds one value; `what` says the option.
  static func onlyMultiValued(_ what: String) -> Self { Self("only dx, px and modifiers \(what)") }
  /// An empty `columns` list.
  static let emptyColumnList = Self("the list of columns is empty")
  /// A `date_format` on a field that is not a date.
  static let onlyDateFieldsTakeAFormat = Self("only date fields take a date_format")
  /// A `scale` on a field that is not an amount.
  static let onlyAmountsTakeAScale = Self("only amount fields take a scale")
  /// A `values` map on a multi-valued field.
  static let multiValuedWithValues = Self("multi-valued fields take no values map")
  /// A multi-value separator equal to the delimiter, so the values could not be told apart.
  static func separatorIsDelimiter(_ separator: Character) -> Self {
    Self(
      "the multi-value separator '\(separator)' is also the delimiter: set \"separator\"")
  }
  /// Required claim fields the mapping gives no source for.
  static func unmappedFields(_ missing: [String]) -> Self {
    Self("the mapping must name a source for \(missing.joined(separator: ", "))")
  }
  /// A delimiter or separator longer than one character; `what` names it.
  static func notOneCharacter(_ what: String) -> Self {
    Self("the \(what) must be one character (\"\\t\" for a tab)")
  }
  /// A date pattern that cannot be read.
  static func badDatePattern(_ error: DatePatternError) -> Self { Self(error.description) }
  /// An amount scale outside 0 to 6.
  static let badScale = Self("a scale is a number of implied decimal places, 0 to 6")
}
