import Testing

/// The switch that skips tests needing `../shared/reference`, or fails them under CI.
@Suite("Shared reference data: skipped locally, required under CI")
struct SharedReferenceTests {
  @Test("a missing folder disables its tests, or under CI fails them with the folder's name")
  func missingFolder() throws {
    #expect(try SharedReference.available("no-such-folder", underCI: false) == false)
    #expect(throws: SharedReference.Missing.self) {
      try SharedReference.available("no-such-folder", underCI: true)
    }
    #expect(
      SharedReference.Missing(relative: "no-such-folder").description
        == "../shared/reference/no-such-folder is not present, and CI=true requires it: put the "
        + "shared reference data beside the package (or unset CI to skip these tests)")
  }

  @Test(
    "a folder that is there enables its tests, under CI or not",
    SharedReference.required("bfd-rif-static"))
  func presentFolder() throws {
    #expect(try SharedReference.available("bfd-rif-static", underCI: true))
    #expect(try SharedReference.available("bfd-rif-static", underCI: false))
  }
}
