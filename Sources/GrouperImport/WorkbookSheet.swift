import Foundation
import GrouperSupport

/// One sheet of a CMS clinical-logic workbook saved as CSV (`trigger_list__IP_Anchor_Episode_List.csv`):
/// one or two header rows, then data rows numbered in an "Initial Sort Order" column.
///
/// Columns are found by their header text in either header row, so a sheet whose code column is
/// headed "MS-DRG" over "Code" is found by either name. Data rows are the rows whose sort-order
/// cell is a whole number; blank and header rows are not data.
struct WorkbookSheet {
  /// A data row: its line in the file and its cells.
  struct Row {
    var line: Int
    var cells: [String]

    /// The cell at `column`, trimmed (empty when the row is short).
    subscript(_ column: Int) -> String {
      column < cells.count ? cells[column].trimmingCharacters(in: .whitespacesAndNewlines) : ""
    }
  }

  /// The file's path.
  let path: String
  /// The header rows' cells.
  let headers: [[String]]
  /// The data rows, in file order.
  let rows: [Row]

  /// The file name of a sheet of a workbook (`trigger_list`, `IP_Anchor_Episode_List`).
  static func fileName(workbook: String, sheet: String) -> String { "\(workbook)__\(sheet).csv" }

  /// Reads the sheet `sheet` of `workbook` in `folder`; throws a located diagnostic when the file
  /// is missing or has no "Initial Sort Order" column.
  init(folder: String, workbook: String, sheet: String) throws {
    let path = (folder as NSString).appendingPathComponent(
      Self.fileName(workbook: workbook, sheet: sheet))
    guard FileManager.default.fileExists(atPath: path) else {
      throw Diagnostic(
        at: SourceLocation(file: path), .missingSheet(sheet, workbook: workbook))
    }
    self.path = path
    var records: [(Int, [String])] = []
    var reader = try CSVReader(path: path)
    try reader.forEachRecord { records.append(($0.line, $0.strings)) }
    var headers: [[String]] = []
    var rows: [Row] = []
    var sortColumn: Int?
    for (line, cells) in records {
      if let k = sortColumn, k < cells.count,
        Int(cells[k].trimmingCharacters(in: .whitespaces)) != nil
      {
        rows.append(Row(line: line, cells: cells))
      } else if rows.isEmpty && headers.count < 2 {
        headers.append(cells)
        if sortColumn == nil {
          sortColumn = cells.firstIndex {
            $0.trimmingCharacters(in: .whitespaces).lowercased() == "initial sort order"
          }
        }
      }
    }
    guard sortColumn != nil else {
      throw Diagnostic(
        at: SourceLocation(file: path, line: 1), .noSheetColumn("Initial Sort Order"))
    }
    self.headers = headers
    self.rows = rows
  }

  /// The column headed `name` in either header row (case and spaces ignored); throws a located
  /// diagnostic when there is none.
  func column(_ name: String) throws -> Int {
    let wanted = name.lowercased()
    for header in headers {
      if let k = header.firstIndex(where: {
        $0.trimmingCharacters(in: .whitespaces).lowercased() == wanted
      }) {
        return k
      }
    }
    throw Diagnostic(
      at: SourceLocation(file: path, line: 1), .noColumnHeaded(name))
  }

  /// Where a cell stands, for diagnostics.
  func location(_ row: Row, _ column: Int) -> SourceLocation {
    let header = headers.first.map { column < $0.count ? $0[column] : "" } ?? ""
    return SourceLocation(
      file: path, line: row.line, column: column + 1, field: header.isEmpty ? nil : header)
  }
}

extension Diagnostic.Message {
  /// A sheet's CSV file that is not in the folder.
  static func missingSheet(_ sheet: String, workbook: String) -> Self {
    Self("missing sheet \(sheet) of the \(workbook) workbook", kind: .missingInput)
  }
  /// A sheet without the column every sheet has.
  static func noSheetColumn(_ name: String) -> Self {
    Self("no '\(name)' column in the first two rows")
  }
  /// A sheet without a column the importer reads.
  static func noColumnHeaded(_ name: String) -> Self {
    Self("no column headed '\(name)' in the first two rows")
  }
}
