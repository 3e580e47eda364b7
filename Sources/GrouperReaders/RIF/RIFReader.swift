import Foundation
import GrouperCore
import GrouperSupport

/// One file a RIF read used, and what it held.
package struct RIFFileRead: Sendable, Equatable {
  /// The file's path.
  package var path: String
  /// Its kind, recognised from its header.
  package var kind: RIFFileKind
  /// Its data rows.
  package var rows: Int
}

/// What reading a RIF extract produced: the claims, the members its beneficiary files describe,
/// and an account of the files used and left aside.
package struct RIFReadResult: Sendable {
  /// The claim lines, rejections and counts, as every claim reader gives them.
  package var claims: ClaimReadResult
  /// Members from the beneficiary files, when there were any.
  package var members: MembersFile?
  /// The files read, in the order read.
  package var files: [RIFFileRead]
  /// Files of the folder that were not read, with the reason.
  package var ignored: [(path: String, reason: String)]
  /// The reference years the beneficiary files cover.
  package var beneficiaryYears: [Int]

  /// One line saying what was read, for the command line.
  package var summary: String {
    let claimFiles = files.filter { $0.kind.holdsClaims }
    var text =
      "\(claimFiles.count) claim file\(claimFiles.count == 1 ? "" : "s") ("
      + claimFiles.map { "\(($0.path as NSString).lastPathComponent): \($0.kind), \($0.rows) rows" }
      .joined(separator: "; ") + ")"
    let beneficiaryFiles = files.filter { $0.kind == .beneficiary }
    if !beneficiaryFiles.isEmpty {
      text +=
        ", \(beneficiaryFiles.count) beneficiary file\(beneficiaryFiles.count == 1 ? "" : "s")"
      if !beneficiaryYears.isEmpty { text += " (reference years \(Self.ranges(beneficiaryYears)))" }
    }
    if !ignored.isEmpty {
      text +=
        "; not read: "
        + ignored.map { "\(($0.path as NSString).lastPathComponent) (\($0.reason))" }.joined(
          separator: ", ")
    }
    return text
  }

  /// Years written as runs: `2011–2017, 2019–2021`.
  static func ranges(_ years: [Int]) -> String {
    var parts: [String] = []
    var i = 0
    while i < years.count {
      var j = i
      while j + 1 < years.count && years[j + 1] == years[j] + 1 { j += 1 }
      parts.append(i == j ? "\(years[i])" : "\(years[i])–\(years[j])")
      i = j + 1
    }
    return parts.joined(separator: ", ")
  }
}

/// Reads a CMS Research Identifiable File (RIF) extract, as the Chronic Conditions Warehouse and
/// the Beneficiary FHIR Data server lay it out: a folder of pipe-delimited files with a header
/// row (inpatient, outpatient, carrier, SNF, home health, hospice, DME, Part D events, and the
/// beneficiary summary files), or a single such file.
///
/// Each file's kind is recognised from its header. Claim files become claim lines in one store;
/// beneficiary files become members with coverage spans. Files are read in chunks, so memory
/// grows with the store, not with the files.
package struct RIFReader {
  /// The folder or file.
  package let path: String
  /// The payer given to every line (RIF files are Medicare fee-for-service and name none).
  package let defaultPayer: String
  /// The read chunk size (tests vary it to show it never changes the result).
  package var chunkSize = 1 << 22
  /// Called with the number of claim rows read, every 2^20 rows, for a progress line.
  package var progress: (@Sendable (Int) -> Void)?
  /// The plausible range of dates (claims and beneficiaries); a date outside it rejects its row.
  package var dates = DateBounds.standard

  /// A reader of the RIF folder or file at `path`.
  package init(path: String, defaultPayer: String = "default") {
    self.path = path
    self.defaultPayer = defaultPayer
  }

  /// Reads RIF beneficiary summary files alone into members, as a folder read does with the
  /// beneficiary files it finds; throws a located diagnostic for a file of another kind.
  package static func readMembers(files: [String], chunkSize: Int = 1 << 22) throws -> MembersFile {
    var beneficiaries = RIFBeneficiaryReader()
    for file in files {
      var reader = try CSVReader(
        path: file, delimiter: UInt8(ascii: "|"), quoting: false, chunkSize: chunkSize)
      var columns: RIFBeneficiaryReader.Columns?
      try reader.forEachRecord { record in
        guard let columns else {
          let header = RIFHeader(record.strings)
          guard header.kind == .beneficiary else {
            throw Diagnostic(
              at: SourceLocation(file: file, line: record.line),
              .notABeneficiaryFile(header: header.kind))
          }
          columns = RIFBeneficiaryReader.Columns(header)
          return
        }
        beneficiaries.readRow(record, columns: columns, path: file)
      }
    }
    return beneficiaries.finish()
  }

  /// The extensions of files a folder's listing considers.
  static let dataExtensions: Set<String> = ["csv", "txt", "dat", "psv", "rif"]

  /// Reads the folder or file. Throws a located diagnostic when the input as a whole is unusable
  /// (missing, not a RIF file, no claim files, a claim file lacking a column its kind needs).
  package func read() throws -> RIFReadResult {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw Diagnostic(at: SourceLocation(file: path), .noSuchClaimsPath)
    }
    var inputs: [(path: String, kind: RIFFileKind)] = []
    var ignored: [(path: String, reason: String)] = []
    if isDirectory.boolValue {
      let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
      for name in names where !name.hasPrefix(".") {
        let file = (path as NSString).appendingPathComponent(name)
        guard Self.dataExtensions.contains((name as NSString).pathExtension.lowercased()) else {
          continue
        }
        guard let columns = RIFHeader.peek(path: file) else {
          ignored.append((file, "not pipe-delimited"))
          continue
        }
        guard let kind = RIFHeader(columns).kind else {
          ignored.append((file, "not a RIF claim or beneficiary file"))
          continue
        }
        if kind == .beneficiaryHistory {
          ignored.append((file, "beneficiary history: earlier demographics, no coverage months"))
          continue
        }
        inputs.append((file, kind))
      }
      guard inputs.contains(where: { $0.kind.holdsClaims }) else {
        throw Diagnostic(
          at: SourceLocation(file: path), .noRIFClaimFiles)
      }
    } else {
      guard let columns = RIFHeader.peek(path: path) else {
        throw Diagnostic(
          at: SourceLocation(file: path, line: 1), .notPipeDelimited)
      }
      guard let kind = RIFHeader(columns).kind else {
        throw Diagnostic(
          at: SourceLocation(file: path, line: 1), .notARIFHeader)
      }
      guard kind.holdsClaims else {
        throw Diagnostic(
          at: SourceLocation(file: path, line: 1), .rifFileWithoutClaims(kind))
      }
      inputs.append((path, kind))
    }

    var state = RIFReadState(defaultPayer: defaultPayer, dates: dates)
    var present: Set<ClaimField> = []
    var beneficiaries = RIFBeneficiaryReader()
    beneficiaries.dates = dates
    var files: [RIFFileRead] = []
    var rows = 0
    var bytes = 0
    var sawBeneficiaries = false
    for input in inputs {
      var reader = try CSVReader(
        path: input.path, delimiter: UInt8(ascii: "|"), quoting: false, chunkSize: chunkSize)
      var fileRows = 0
      if input.kind.holdsClaims {
        let fileIndex = state.files.count
        var fileReader: RIFClaimFileReader?
        try reader.forEachRecord { record in
          guard let fileReader else {
            let header = RIFHeader(record.strings)
            let r = try RIFClaimFileReader(
              path: input.path, header: header, kind: input.kind, headerLine: record.line,
              dates: dates)
            state.files.append((input.path, r.checkedColumns))
            present.formUnion(r.presentCodeFields)
            fileReader = r
            return
          }
          fileRows += 1
          rows += 1
          if let progress, rows & 0xFFFFF == 0 { progress(rows) }
          fileReader.readRow(record, fileIndex: fileIndex, state: &state)
        }
        bytes += reader.bytesRead
        if fileReader == nil { state.files.append((input.path, [:])) }
      } else {
        sawBeneficiaries = true
        var columns: RIFBeneficiaryReader.Columns?
        try reader.forEachRecord { record in
          guard let columns else {
            columns = RIFBeneficiaryReader.Columns(RIFHeader(record.strings))
            return
          }
          fileRows += 1
          beneficiaries.readRow(record, columns: columns, path: input.path)
        }
      }
      files.append(RIFFileRead(path: input.path, kind: input.kind, rows: fileRows))
    }
    guard rows > 0 else {
      let location =
        isDirectory.boolValue ? SourceLocation(file: path) : SourceLocation(file: path, line: 1)
      throw Diagnostic(
        at: location,
        isDirectory.boolValue ? .noRIFClaimRows : .headerWithoutRows("claim"))
    }

    var store = state.builder.finish()
    let lineFile = state.lineFile
    let fileInfo = state.files
    let single = fileInfo.count == 1
    let snapshot = store.lines
    let lineName = { (index: Int) -> String in
      let file = fileInfo[Int(lineFile[index])].path
      return (single ? "" : (file as NSString).lastPathComponent + " ")
        + "line \(snapshot[index].sourceLine)"
    }
    let locator = ClaimConsistency.Locator(
      locate: { index, column in
        let file = fileInfo[Int(lineFile[index])]
        let field = file.columns[column]
        return (file.path, field.map { $0.index + 1 }, field?.name ?? column.name)
      },
      name: lineName,
      names: { indices in indices.map(lineName).joined(separator: ", ") })
    var rejections = state.rejections
    ClaimConsistency.check(&store, rejections: &rejections, locator: locator)
    let order = Dictionary(uniqueKeysWithValues: inputs.enumerated().map { ($1.path, $0) })
    rejections.sort {
      (order[$0.file] ?? 0, $0.line, $0.column ?? 0) < (
        order[$1.file] ?? 0, $1.line, $1.column ?? 0
      )
    }
    var absent: [ClaimField: String] = [:]
    for (field, name) in RIFClaimFileReader.columnNames where !present.contains(field) {
      absent[field] = name
    }
    var warnings = state.builder.warnings
    // Claims whose line payments do not add up to their claim payment: counted, not rejected.
    for sum in state.lineSums.values where sum.total != sum.lines {
      warnings.add(
        .lineSumDiffers, at: sum.location, value: "\(sum.total) vs lines \(sum.lines)")
    }
    let claims = ClaimReadResult(
      store: store, rejections: rejections, rowsRead: rows, bytesRead: bytes,
      warnings: warnings, absentColumns: absent)
    return RIFReadResult(
      claims: claims, members: sawBeneficiaries ? beneficiaries.finish() : nil, files: files,
      ignored: ignored,
      beneficiaryYears: beneficiaries.years.sorted())
  }
}

extension Diagnostic.Message {
  /// A beneficiary file whose header is of another kind, or of no RIF kind.
  static func notABeneficiaryFile(header kind: RIFFileKind?) -> Self {
    Self(
      "not a RIF beneficiary file (its header is \(kind.map { "a \($0) header" } ?? "not a RIF header"))"
    )
  }
  /// A folder of RIF claim files with headers and no rows.
  static let noRIFClaimRows = Self("the RIF claim files hold no claim rows")
  /// A claims path that names neither a file nor a folder.
  static let noSuchClaimsPath = Self("no such file or folder", kind: .missingInput)
  /// A folder without a RIF claim file.
  static let noRIFClaimFiles = Self(
    "the folder holds no RIF claim files (pipe-delimited inpatient, outpatient, carrier, snf, hha, hospice, dme or pde files with a header row)"
  )
  /// A file read as RIF whose first line has no `|`.
  static let notPipeDelimited = Self(
    "not a RIF file: the first line holds no '|' (RIF files are pipe-delimited with a header row)")
  /// A file read as RIF whose header is of no RIF kind.
  static let notARIFHeader = Self(
    "not a RIF file: the header names no CLM_ID with NCH_CLM_TYPE_CD, PDE_ID, or BENE_ID with BENE_BIRTH_DT"
  )
  /// A single RIF file of a kind without claims (a beneficiary file).
  static func rifFileWithoutClaims(_ kind: RIFFileKind) -> Self {
    Self("a RIF \(kind) file holds no claims; give the folder that holds it with the claim files")
  }
}
