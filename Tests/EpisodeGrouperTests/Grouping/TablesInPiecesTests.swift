import Foundation
import Testing

@testable import GrouperCore
@testable import GrouperReaders
@testable import GrouperReports
@testable import GrouperSupport

/// The grouping tables are written in pieces, so a table of millions of rows never sits whole in
/// memory; the pieces make the same bytes as the whole table, wherever they are cut.
@Suite struct TablesInPiecesTests {
  /// The shipped samples grouped with the shipped definitions.
  static func sampleResult() throws -> GroupingResult {
    let input = try ClaimInput.read(path: packagePath("SampleClaims/claims.csv"), format: nil)
    let members = try MembersReader(path: packagePath("SampleClaims/members.csv")).read()
    let definitions = try DefinitionLoader.load(path: packagePath("EpisodeDefinitions"))
    return Grouper(definitions: definitions, members: members.members).run(input.claims.store)
  }

  @Test(arguments: [1, 100, 1 << 20])
  func piecesMakeTheWholeTable(piece: Int) throws {
    let result = try Self.sampleResult()
    var pieces: [[UInt8]] = []
    EpisodeReports.assignments(result, piece: piece) { pieces.append($0) }
    #expect(Array(pieces.joined()) == EpisodeReports.assignments(result))
    if piece == 1 {
      // A piece of one byte hands over every row as it is written: the first with the header,
      // then one row a piece, and the empty rest at the end. The samples count 40 lines.
      #expect(pieces.count == 40 + 1 && pieces.last == [])
      #expect(pieces.dropLast().allSatisfy { $0.last == UInt8(ascii: "\n") })
    }
    var episodes: [UInt8] = []
    EpisodeReports.episodes(result, piece: piece) { episodes += $0 }
    #expect(episodes == EpisodeReports.episodes(result))
    var exclusions: [UInt8] = []
    EpisodeReports.exclusions(result, piece: piece) { exclusions += $0 }
    #expect(exclusions == EpisodeReports.exclusions(result))
  }

  @Test("a table that cannot be put in place is named by its path in the output folder")
  func failureNamesTheFinalPath() throws {
    let parent = try temporaryFolder()
    let folder = try OutputFolder(path: parent + "/run", owns: { _ in true })
    let file = try folder.openForWriting("episodes.csv")
    try file.write(Array("episode_id\n".utf8))
    // The staging folder (`.run.grouper-new.PID` beside the folder) vanishes under the run.
    let staging = try #require(
      try FileManager.default.contentsOfDirectory(atPath: parent).first {
        $0.hasPrefix(".run.grouper-new.")
      })
    try FileManager.default.removeItem(atPath: parent + "/" + staging)
    do {
      try file.commit()
      Issue.record("the commit should fail")
    } catch let error as Diagnostic {
      #expect(error.location.file == folder.path + "/episodes.csv")
    }
    folder.discard()
  }

  @Test func aTableWrittenInPiecesIsPublishedWithTheSet() throws {
    let out = try temporaryFolder() + "/run"
    let result = try Self.sampleResult()
    let folder = try OutputFolder(path: out, owns: { _ in true })
    let names = ["episodes.csv", "episode_claims.csv", "excluded_claims.csv"]
    let files = try names.map { try folder.openForWriting($0) }
    try EpisodeReports.write(
      result, episodes: files[0], assignments: files[1], exclusions: files[2])
    for file in files { try file.commit() }
    // Nothing is in the folder before the commit publishes the set.
    #expect(!FileManager.default.fileExists(atPath: out + "/episodes.csv"))
    try folder.commit()
    #expect(
      contents(out + "/episodes.csv")
        == String(decoding: EpisodeReports.episodes(result), as: UTF8.self))
    #expect(
      contents(out + "/episode_claims.csv")
        == String(decoding: EpisodeReports.assignments(result), as: UTF8.self))
    #expect(
      contents(out + "/excluded_claims.csv")
        == String(decoding: EpisodeReports.exclusions(result), as: UTF8.self))
  }
}
