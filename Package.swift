// swift-tools-version:6.0
import PackageDescription

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
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
    ],
    targets: [
        // MARK: - C libraries (Debian: libopenblas-dev, liblapacke-dev, libreadstat-dev)
        .systemLibrary(
            name: "CBLAS", path: "Sources/CBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]),
        .systemLibrary(
            name: "CReadStat", path: "Sources/CReadStat",
            providers: [.apt(["libreadstat-dev"])]),

        // MARK: - Public API
        .target(
            name: "Survey",
            dependencies: [
                "CBLAS", "CReadStat",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Ink", package: "Ink"),
            ]),
        .executableTarget(
            name: "barometer",
            dependencies: [
                "Survey",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // MARK: - Unit test bundles
        .testTarget(name: "SurveyTests", dependencies: ["Survey"]),
        .testTarget(name: "barometerTests", dependencies: ["barometer", "Survey"]),
    ],
    swiftLanguageModes: [.v6]
)
