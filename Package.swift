// swift-tools-version: 6.0
import PackageDescription

// The layers, each a target whose dependencies run one way:
// GrouperSupport → GrouperCore → GrouperReaders, GrouperImport, GrouperPricing, GrouperSynthesis
// → GrouperReports → GrouperCommands → the `grouper` executable.
let package = Package(
  name: "EpisodeGrouper",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "grouper", targets: ["grouper"])
  ],
  targets: [
    .target(name: "GrouperSupport"),
    .target(name: "GrouperCore", dependencies: ["GrouperSupport"]),
    .target(name: "GrouperReaders", dependencies: ["GrouperSupport", "GrouperCore"]),
    .target(name: "GrouperImport", dependencies: ["GrouperSupport", "GrouperCore"]),
    .target(name: "GrouperPricing", dependencies: ["GrouperSupport", "GrouperCore"]),
    .target(name: "GrouperSynthesis", dependencies: ["GrouperSupport", "GrouperCore"]),
    .target(
      name: "GrouperReports", dependencies: ["GrouperSupport", "GrouperCore", "GrouperPricing"]),
    .target(
      name: "GrouperCommands",
      dependencies: [
        "GrouperSupport", "GrouperCore", "GrouperReaders", "GrouperImport", "GrouperPricing",
        "GrouperSynthesis", "GrouperReports",
      ]),
    .executableTarget(name: "grouper", dependencies: ["GrouperCommands"]),
    .testTarget(
      name: "EpisodeGrouperTests",
      dependencies: [
        "GrouperSupport", "GrouperCore", "GrouperReaders", "GrouperImport", "GrouperPricing",
        "GrouperSynthesis", "GrouperReports", "GrouperCommands",
      ],
      exclude: ["Golden", "Fixtures"]
    ),
  ]
)
