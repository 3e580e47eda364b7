// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "EpisodeGrouper",
  products: [
    .library(name: "EpisodeGrouper", targets: ["EpisodeGrouper"]),
    .executable(name: "grouper", targets: ["grouper"]),
  ],
  targets: [
    .target(name: "EpisodeGrouper"),
    .executableTarget(name: "grouper", dependencies: ["EpisodeGrouper"]),
    .testTarget(
      name: "EpisodeGrouperTests",
      dependencies: ["EpisodeGrouper"],
      exclude: ["Golden", "Fixtures"]
    ),
  ]
)
