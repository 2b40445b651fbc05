// swift-tools-version:6.2
// cancu: a citation graph and full-text index for Vietnamese legal and Party documents.
// No package dependencies (the user's design card): Foundation, Dispatch, Glibc and
// Swift Testing from the toolchain only.
import PackageDescription

let package = Package(
  name: "cancu",
  products: [
    .executable(name: "cancu", targets: ["cancu"]),
    .library(name: "VietText", targets: ["VietText"]),
    .library(name: "Citations", targets: ["Citations"]),
    .library(name: "Corpus", targets: ["Corpus"]),
    .library(name: "CitationGraph", targets: ["CitationGraph"]),
    .library(name: "SearchIndex", targets: ["SearchIndex"]),
    .library(name: "CancuCLI", targets: ["CancuCLI"]),
  ],
  targets: [
    .target(name: "VietText"),
    .target(name: "Citations", dependencies: ["VietText"]),
    .target(name: "Corpus", dependencies: ["VietText", "Citations"]),
    .target(name: "CitationGraph", dependencies: ["VietText", "Citations", "Corpus"]),
    .target(name: "SearchIndex", dependencies: ["VietText", "Citations", "Corpus"]),
    .target(
      name: "CancuCLI",
      dependencies: ["VietText", "Citations", "Corpus", "CitationGraph", "SearchIndex"]),
    .executableTarget(name: "cancu", dependencies: ["CancuCLI"]),
    // The benchmark tool: an executable target of its own, not a product (STYLE.md § 1).
    .executableTarget(
      name: "cancu-bench",
      dependencies: ["VietText", "Citations", "Corpus", "SearchIndex", "CancuCLI"],
      path: "Benchmarks/cancu-bench"),

    // Helpers shared by the test targets (a seeded generator); not a product.
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    .testTarget(name: "VietTextTests", dependencies: ["VietText", "TestSupport"]),
    .testTarget(
      name: "CitationsTests", dependencies: ["Citations", "VietText", "TestSupport"],
      resources: [.copy("Fixtures")]),
    .testTarget(name: "CorpusTests", dependencies: ["Corpus", "VietText", "TestSupport"]),
    .testTarget(name: "CitationGraphTests", dependencies: ["CitationGraph"]),
    .testTarget(name: "SearchIndexTests", dependencies: ["SearchIndex", "TestSupport"]),
    .testTarget(name: "CancuCLITests", dependencies: ["CancuCLI", "TestSupport"]),
    .testTarget(name: "ReliabilityTests", dependencies: ["CancuCLI", "Corpus", "SearchIndex", "VietText", "TestSupport"]),
  ]
)

// Upcoming features for every target, in one place (as swift-parsing does).
for target in package.targets {
  var settings = target.swiftSettings ?? []
  settings.append(.enableUpcomingFeature("ExistentialAny"))
  settings.append(.enableUpcomingFeature("MemberImportVisibility"))
  // Release builds link the Swift runtime and Foundation statically (as `--static-swift-stdlib`
  // does; the flag must reach the compiler too, for autolinking): loading them as shared
  // libraries cost ~10 ms of every command's start (`cancu --version`: 14.7 ms → 5.0 ms).
  settings.append(.unsafeFlags(["-static-stdlib"], .when(configuration: .release)))
  if target.type == .executable {
    target.linkerSettings = [.unsafeFlags(["-static-stdlib"], .when(configuration: .release))]
  }
  target.swiftSettings = settings
}
