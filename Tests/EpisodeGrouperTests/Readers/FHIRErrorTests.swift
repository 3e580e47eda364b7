import Foundation
import Testing

@testable import GrouperCore
@testable import GrouperReaders
@testable import GrouperSupport

/// Bad FHIR input: a resource or line that cannot be read is a rejection located at the JSON
/// element at fault (line, column and path); a document that cannot be read at all throws.
@Suite("FHIR reader: bad input")
struct FHIRErrorTests {
  /// A minimal professional EOB with one item allowed 92.00.
  static let eob =
    #"{"resourceType":"ExplanationOfBenefit","id":"e1","status":"active","type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/claim-type","code":"professional"}]},"use":"claim","patient":{"reference":"Patient/p1"},"billablePeriod":{"start":"2024-01-02"},"item":[{"sequence":1,"productOrService":{"coding":[{"system":"http://www.ama-assn.org/go/cpt","code":"99213"}]},"adjudication":[{"category":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/adjudication","code":"eligible"}]},"amount":{"value":92.00}}]}]}"#

  func read(_ text: String, name: String = "x.ndjson") throws -> ClaimReadResult {
    try FHIRClaimReader(path: name).read(MemoryByteSource(Array(text.utf8)))
  }

  @Test("a resource of another type is rejected where its type is written")
  func otherResourceType() throws {
    let result = try read(#"{"resourceType":"Patient","id":"p1"}"# + "\n" + Self.eob + "\n")
    // `{"resourceType":` takes 16 characters: the value starts in column 17.
    #expect(
      result.rejections.map(\.diagnostic.description) == [
        "x.ndjson:1:17: error: $.resourceType: not an ExplanationOfBenefit resource 'Patient'"
      ])
    #expect(result.rowsRead == 2)
    #expect(result.store.views.map(\.allowed) == ["92.00"])
    // In a Bundle, the path names the entry.
    let bundle =
      "{\"resourceType\":\"Bundle\",\"entry\":[\n{\"resource\":{\"resourceType\":\"Patient\"}},\n{\"resource\":"
      + Self.eob + "}\n]}\n"
    let fromBundle = try read(bundle, name: "b.json")
    // Line 2 is `{"resource":{"resourceType":"Patient"}},`: the value starts in column 29.
    #expect(
      fromBundle.rejections.map(\.diagnostic.description) == [
        "b.json:2:29: error: $.entry[0].resource.resourceType: not an ExplanationOfBenefit resource 'Patient'"
      ])
  }

  @Test("a truncated NDJSON line is rejected where the JSON stops")
  func truncatedLine() throws {
    let cut = #"{"resourceType":"ExplanationOfBenefit","id":"x""#  // 47 characters
    let result = try read(Self.eob + "\n" + cut + "\n")
    #expect(
      result.rejections.map(\.diagnostic.description) == [
        "x.ndjson:2:48: error: unexpected end of file inside an object"
      ])
    #expect(result.rowsRead == 2)
    #expect(result.store.lines.count == 1)
  }

  @Test("a truncated Bundle stops the read at the end of the file")
  func truncatedDocument() throws {
    let text =
      "{\n  \"resourceType\": \"Bundle\",\n  \"entry\": [\n    {\"resource\": {\"resourceType\": \"Explan"
    let error = #expect(throws: Diagnostic.self) { try read(text, name: "b.json") }
    // Line 4: 4 spaces, `{"resource":` (12), a space, `{"resourceType":` (16), a space and `"Explan`
    // (7) make 41 characters; the end of the file is column 42.
    #expect(
      error?.description == "b.json:4:42: error: unexpected end of file inside the JSON document")
  }

  @Test("a file that is not JSON is not read as FHIR")
  func notJSON() throws {
    let error = #expect(throws: Diagnostic.self) {
      try read("claim_id,member_id\n1,2\n", name: "c.json")
    }
    #expect(
      error?.description == "c.json:1:1: error: expected a FHIR resource or Bundle (a JSON object)")
  }

  @Test("a bad date is rejected at its element")
  func badDate() throws {
    let text = Self.eob.replacingOccurrences(
      of: #""resourceType":"ExplanationOfBenefit","#, with: ""
    )
    .replacingOccurrences(of: #""billablePeriod":{"start":"2024-01-02"},"#, with: "")
    .replacingOccurrences(
      of: "{\"id\"",
      with: #"{"billablePeriod":{"start":"2024-02-30"},"resourceType":"ExplanationOfBenefit","id""#)
    // `{"billablePeriod":{"start":` takes 27 characters: the date starts in column 28.
    #expect(
      try read(text + "\n").rejections.map(\.diagnostic.description) == [
        "x.ndjson:1:28: error: $.billablePeriod.start: not a full date in the form YYYY-MM-DD '2024-02-30'"
      ])
  }

  @Test("an item without an allowed amount is rejected at the item")
  func noAllowedAmount() throws {
    let text = Self.eob.replacingOccurrences(
      of: #""code":"eligible""#, with: #""code":"submitted""#)
    let result = try read(text + "\n")
    #expect(result.rejections.count == 1)
    let r = try #require(result.rejections.first)
    #expect(r.field == "$.item[0]" && r.line == 1)
    #expect(r.reason == "the item has no allowed amount (an adjudication of category 'eligible')")
    #expect(r.allowed == nil)
  }

  @Test("a draft EOB, or one not a claim, is rejected; a cancelled one is set aside as reversed")
  func statusAndUse() throws {
    let draft = try read(
      Self.eob.replacingOccurrences(of: #""status":"active""#, with: #""status":"draft""#) + "\n")
    #expect(draft.rejections.map(\.field) == ["$.status"])
    #expect(draft.rejections.map(\.value) == ["draft"])
    for status in ["cancelled", "entered-in-error"] {
      let cancelled = try read(
        Self.eob.replacingOccurrences(of: #""status":"active""#, with: #""status":"\#(status)""#)
          + "\n")
      #expect(cancelled.rejections.isEmpty)
      #expect(!cancelled.store.lines.isEmpty)
      #expect(cancelled.store.lines.allSatisfy { $0.setAside == .reversed })
      #expect(ClaimVersions.resolve(cancelled.store).store.lines.isEmpty)
    }
    let estimate = try read(
      Self.eob.replacingOccurrences(of: #""use":"claim""#, with: #""use":"predetermination""#)
        + "\n")
    #expect(
      estimate.rejections.map(\.reason) == ["not a claim: only EOBs whose use is 'claim' are read"])
  }

  @Test("an EOB whose related claim is its prior version replaces it")
  func relatedPrior() throws {
    // e2 names e1 as its prior claim (Blue Button's relationship code) and pays 80.00.
    let e2 = Self.eob.replacingOccurrences(of: #""id":"e1""#, with: #""id":"e2""#)
      .replacingOccurrences(of: "92.00", with: "80.00")
      .replacingOccurrences(
        of: #""use":"claim","#,
        with:
          #""use":"claim","related":[{"relationship":{"coding":[{"code":"prior"}]},"claim":{"identifier":{"value":"e1"}}}],"#
      )
    let result = try read(Self.eob + "\n" + e2 + "\n")
    #expect(result.rejections.isEmpty)
    let (store, report) = ClaimVersions.resolve(result.store)
    #expect(store.views.map(\.claim) == ["e2"] && store.views.map(\.allowed) == ["80.00"])
    #expect(report.setAside.dollars == [.superseded: dollars("92.00")])
    // An EOB naming itself is rejected at the identifier's value.
    let own = e2.replacingOccurrences(of: #"{"value":"e1"}"#, with: #"{"value":"e2"}"#)
    #expect(
      try read(own + "\n").rejections.map(\.reason) == ["a claim cannot replace or reverse itself"])
  }

  @Test("more than 255 diagnoses, or modifiers on an item, are rejected at the element past 255")
  func tooManyCodes() throws {
    /// The EOB with `n` distinct diagnoses A0000, A0001, … (none principal).
    func withDiagnoses(_ n: Int) -> String {
      let list = (0..<n).map { k in
        #"{"sequence":\#(k + 1),"diagnosisCodeableConcept":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"A\#(String(String(k + 10_000).dropFirst()))"}]}}"#
      }
      return Self.eob.replacingOccurrences(
        of: #""item":"#, with: #""diagnosis":["# + list.joined(separator: ",") + "],\"item\":")
    }
    let read255 = try read(withDiagnoses(255) + "\n")
    #expect(read255.rejections.isEmpty && read255.store.lines.map(\.dxCount) == [255])
    // The 256th diagnosis is the element at index 255; the EOB's one item is its one row.
    let rejected = try read(withDiagnoses(256) + "\n").rejections
    #expect(rejected.map(\.field) == ["$.diagnosis[255]"])
    #expect(rejected.map(\.reason) == ["more than 255 codes in one field"])
    /// The EOB with `n` distinct two-character modifiers on its item: 00, 01, …, 09, 0A, … 0Z,
    /// 10, …, the digits and letters in turn (36 × 36 of them).
    func withModifiers(_ n: Int) -> String {
      let symbols = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
      let list = (0..<n).map { k in
        #"{"coding":[{"system":"http://www.ama-assn.org/go/cpt","code":"\#(symbols[k / 36])\#(symbols[k % 36])"}]}"#
      }
      return Self.eob.replacingOccurrences(
        of: #""sequence":1,"#,
        with: #""sequence":1,"modifier":["# + list.joined(separator: ",") + "],")
    }
    let modifiers255 = try read(withModifiers(255) + "\n")
    #expect(
      modifiers255.rejections.isEmpty && modifiers255.store.lines.map(\.modifierCount) == [255])
    let tooMany = try read(withModifiers(256) + "\n").rejections
    #expect(tooMany.map(\.field) == ["$.item[0].modifier[255]"])
    #expect(tooMany.map(\.reason) == ["more than 255 codes in one field"])
  }
}
