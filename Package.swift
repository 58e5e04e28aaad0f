// swift-tools-version:6.0
import Foundation
import PackageDescription

/// Generic types with concrete arguments (`KeyedDecodingContainer<CodingKeys>`, `Option<String>`)
/// get their metadata from accessor calls that pass the conformances along, not by demangling a
/// type name at run time, which checks the generic requirements by looking the conformances up:
/// the first lookup of each (type, protocol) pair scans all ~4,000 conformance records of the
/// binary (issue 17 item 4: five such scans, one per option group's `CodingKeys`, in `table`).
let concreteMetadataByAccessor: SwiftSetting =
    .unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"])

/// Every layer sees only the modules it imports, members of extensions included (without this,
/// an extension member of a module loaded through another import is visible: a hidden back-edge).
let layerSettings: [SwiftSetting] = [.enableUpcomingFeature("MemberImportVisibility"), concreteMetadataByAccessor]

let package = Package(
    name: "barometer",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "barometer", targets: ["barometer"]),
        .library(name: "Survey", targets: ["Survey"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
    ],
    targets: [
        // MARK: - C libraries (Debian: libopenblas-dev, liblapacke-dev, libreadstat-dev)
        .systemLibrary(
            // No pkgConfig: its `-lopenblas` would load the shared library (see module.modulemap).
            name: "CBLAS", path: "Sources/CBLAS",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]),
        .systemLibrary(
            name: "CReadStat", path: "Sources/CReadStat",
            providers: [.apt(["libreadstat-dev"])]),
        // zlib's inflate for .xlsx parts (Debian: zlib1g-dev).
        .systemLibrary(
            name: "SystemZlib", path: "Sources/SystemZlib",
            providers: [.apt(["zlib1g-dev"])]),
        // Plain numeric CSV cells parsed with x86 SIMD (AVX2, chosen at run time; scalar elsewhere).
        .target(name: "CCSVScan", path: "Sources/CCSVScan"),
        // Replicate weights added to their cells, four rows at a time with AVX2 (chosen at run time).
        .target(name: "CCellSums", path: "Sources/CCellSums"),
        // The built-in series and subgroup files split into constant arrays (scripts/embed-datasets).
        .target(name: "CSeriesTables", path: "Sources/CSeriesTables"),
        // The program's default of one OpenBLAS thread, set before OpenBLAS starts its workers.
        .target(name: "CBLASThreads", dependencies: ["CBLAS"], path: "Sources/CBLASThreads"),

        // MARK: - Public API
        .target(
            name: "SurveyText",
            dependencies: [],
            path: "Sources/Survey/Text",
            swiftSettings: layerSettings),
        .target(
            name: "SurveyNumerics",
            dependencies: ["SurveyText", "CBLAS"],
            path: "Sources/Survey/Numerics",
            swiftSettings: layerSettings),
        .target(
            name: "SurveyData",
            dependencies: ["SurveyText", "CReadStat", "CCSVScan", "SystemZlib"],
            path: "Sources/Survey/Data",
            swiftSettings: layerSettings),
        .target(
            name: "SurveyRender",
            dependencies: ["SurveyText"],
            path: "Sources/Survey/Render",
            swiftSettings: layerSettings),
        .target(
            name: "SurveyNotebook",
            dependencies: ["SurveyText"],
            path: "Sources/Survey/Notebook",
            swiftSettings: layerSettings),
        // Markdown → HTML for notebook prose: our own, linear in the input (Ink 0.6 backtracked for
        // seconds on a few hundred hostile bytes), safe (raw HTML is text, unsafe schemes no link).
        .target(
            name: "SurveyMarkdown",
            dependencies: [],
            path: "Sources/Survey/Markdown",
            swiftSettings: layerSettings),
        .target(
            name: "SurveyEstimation",
            dependencies: ["SurveyText", "SurveyNumerics", "SurveyData", "CBLAS", "CCellSums"],
            path: "Sources/Survey/Estimation",
            swiftSettings: layerSettings),
        .target(
            name: "SurveySeries",
            dependencies: ["SurveyText", "SurveyNumerics", "SurveyData", "SurveyEstimation", "CSeriesTables"],
            path: "Sources/Survey/Series",
            swiftSettings: layerSettings),
        .target(
            name: "SurveyTrends",
            dependencies: ["SurveyText", "SurveyNumerics", "SurveyData", "SurveyEstimation", "SurveySeries"],
            path: "Sources/Survey/Trends",
            swiftSettings: layerSettings),
        .target(
            name: "SurveyReports",
            dependencies: ["SurveyText", "SurveyNumerics", "SurveyData", "SurveyEstimation", "SurveySeries", "SurveyTrends", "SurveyRender", "SurveyNotebook", "SurveyMarkdown"],
            path: "Sources/Survey/Reports",
            swiftSettings: layerSettings),
        .target(
            name: "Survey",
            dependencies: ["SurveyText", "SurveyNumerics", "SurveyData", "SurveyRender", "SurveyNotebook", "SurveyMarkdown", "SurveyEstimation", "SurveySeries", "SurveyTrends", "SurveyReports"],
            path: "Sources/Survey/Umbrella",
            swiftSettings: layerSettings),
        .executableTarget(
            name: "barometer",
            dependencies: [
                "Survey", "SurveyText", "CBLASThreads",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: [concreteMetadataByAccessor],
            // Not position-independent on Linux: a PIE applies ~80,000 relative relocations at every
            // start, dirtying ~300 pages of the binary (issue 17 item 4: `--version` 682 -> 396 page
            // faults, the largest start-up cost left once OpenBLAS is static). And the C++ runtime
            // the Swift runtime needs linked from its static archive (`link/libstdc++.so`, a linker
            // script the `-L` finds first): the loader no longer maps libstdc++ and binds its
            // symbols at every start (`--version` 8.7M -> 6.8M instructions), and the binary no
            // longer needs it installed. Release only: a debug build links the Swift runtime
            // dynamically, where a non-PIE makes ld.so warn of direct references to protected
            // functions, and which brings the shared libstdc++ itself.
            linkerSettings: [.unsafeFlags(["-Xclang-linker", "-no-pie", "-L", "\(Context.packageDirectory)/link"],
                                          .when(platforms: [.linux], configuration: .release))]),

        // MARK: - Unit test bundles
        .testTarget(
            name: "SurveyTests",
            dependencies: [
                "Survey", "SurveyText", "SurveyNumerics", "SurveyData", "SurveyRender", "SurveyNotebook", "SurveyMarkdown", "SurveyEstimation", "SurveySeries", "SurveyTrends", "SurveyReports", "CCSVScan", "CCellSums", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]),
        .testTarget(name: "barometerTests", dependencies: ["barometer", "Survey"]),
        // The code samples of Survey.docc, compiled against the public API only.
        .testTarget(name: "SurveyDocCTests", dependencies: ["Survey"]),
    ],
    swiftLanguageModes: [.v6]
)

// MARK: - Fuzz targets (libFuzzer), only when scripts/fuzz builds them: BAROMETER_FUZZ=1 swift build
// --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer. Each defines LLVMFuzzerTestOneInput and
// has no main of its own (libFuzzer supplies it), so they are left out of ordinary builds.
if ProcessInfo.processInfo.environment["BAROMETER_FUZZ"] == "1" {
    package.targets.append(.target(name: "FuzzSupport", path: "Tests/Fuzz/Support"))
    for name in ["FuzzCSV", "FuzzXLSX", "FuzzStat", "FuzzNotebook", "FuzzSeriesCSV"] {
        package.targets.append(.executableTarget(
            name: name,
            dependencies: ["Survey", "CCSVScan", "FuzzSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")], path: "Tests/Fuzz/Targets/\(name)",
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
    }
}
