// swift-tools-version: 6.0
import PackageDescription

// The layers, each a target whose dependencies run one way:
// GrouperSupport → GrouperCore → GrouperReaders, GrouperImport, GrouperPricing, GrouperSynthesis
// → GrouperReports → GrouperAnalysis (compare, sweep, statistics, the HTML report)
// → GrouperCommands → the `grouper` executable.
/// Release builds optimise across the layers' module boundaries. Cross-module optimisation inlines
/// and specialises only `public` declarations, so the few types on the reading hot path (`Day`,
/// `Cents`, the byte-level CSV reader, the interner, and the claim model: `ClaimLine`,
/// `ClaimStore`, `ClaimField`, `ClaimType`, `CodeSystem`) are `public`; everything else the
/// layers share is `package`.
let optimizeAcrossModules: [SwiftSetting] = [
  .unsafeFlags(
    ["-cross-module-optimization"],
    .when(configuration: .release))
]

let package = Package(
  name: "EpisodeGrouper",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "grouper", targets: ["grouper"])
  ],
  targets: [
    .target(name: "GrouperSupport", swiftSettings: optimizeAcrossModules),
    .target(
      name: "GrouperCore", dependencies: ["GrouperSupport"], swiftSettings: optimizeAcrossModules),
    .target(
      name: "GrouperReaders", dependencies: ["GrouperSupport", "GrouperCore"],
      swiftSettings: optimizeAcrossModules),
    .target(
      name: "GrouperImport", dependencies: ["GrouperSupport", "GrouperCore"],
      swiftSettings: optimizeAcrossModules),
    .target(
      name: "GrouperPricing", dependencies: ["GrouperSupport", "GrouperCore"],
      swiftSettings: optimizeAcrossModules),
    .target(
      name: "GrouperSynthesis", dependencies: ["GrouperSupport", "GrouperCore"],
      swiftSettings: optimizeAcrossModules),
    .target(
      name: "GrouperReports", dependencies: ["GrouperSupport", "GrouperCore", "GrouperPricing"],
      swiftSettings: optimizeAcrossModules),
    .target(
      name: "GrouperAnalysis",
      dependencies: ["GrouperSupport", "GrouperCore", "GrouperPricing", "GrouperReports"],
      swiftSettings: optimizeAcrossModules),
    .target(
      name: "GrouperCommands",
      dependencies: [
        "GrouperSupport", "GrouperCore", "GrouperReaders", "GrouperImport", "GrouperPricing",
        "GrouperSynthesis", "GrouperReports", "GrouperAnalysis",
      ],
      swiftSettings: optimizeAcrossModules),
    .executableTarget(name: "grouper", dependencies: ["GrouperCommands"]),
    .testTarget(
      name: "EpisodeGrouperTests",
      dependencies: [
        "GrouperSupport", "GrouperCore", "GrouperReaders", "GrouperImport", "GrouperPricing",
        "GrouperSynthesis", "GrouperReports", "GrouperAnalysis", "GrouperCommands",
      ],
      exclude: ["Golden", "Fixtures"]
    ),
  ]
)
