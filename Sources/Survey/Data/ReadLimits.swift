#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyText

/// Bounds on what a reader may unpack from a compressed file (an `.xlsx` is a ZIP archive), so
/// a small hostile file cannot exhaust memory: a 2 MB "zip bomb" inflates to gigabytes.
///
/// The default allows 4 GiB of decompressed XML per workbook, far beyond any survey file (a CAB
/// wave is about 10 MB). Set `BAROMETER_MAX_DECOMPRESSED` (bytes, or with a `K`, `M` or `G`
/// suffix, e.g. `512M`) to change it for the CLI, or pass `ReadLimits` to the reader.
public struct ReadLimits: Sendable, Equatable {
    /// Most bytes all parts of one archive may decompress to, together.
    public var maxDecompressedBytes: Int

    public init(maxDecompressedBytes: Int) {
        self.maxDecompressedBytes = maxDecompressedBytes
    }

    /// 4 GiB.
    public static let standard = ReadLimits(maxDecompressedBytes: 4 << 30)

    /// The environment variable that overrides `standard`.
    public static let environmentVariable = "BAROMETER_MAX_DECOMPRESSED"

    /// `standard`, or the limit set by `BAROMETER_MAX_DECOMPRESSED`; a value that is not a
    /// positive size is an error saying what is accepted.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws(DataError) -> ReadLimits {
        guard let text = environment[environmentVariable] else { return .standard }
        guard let bytes = parseSize(text) else {
            throw DataError("\(environmentVariable)='\(text)' is not a size: expected a positive whole number of bytes, "
                            + "optionally with K, M or G (e.g. 512M, 8G)")
        }
        return ReadLimits(maxDecompressedBytes: bytes)
    }

    /// `123`, `64K`, `512M`, `8G` (powers of 1024) → bytes; nil if not a positive size that fits.
    static func parseSize(_ text: String) -> Int? {
        var digits = Substring(text.whitespacesTrimmed())
        var scale = 1
        switch digits.last.map({ Character($0.uppercased()) }) {
        case "K": scale = 1 << 10
        case "M": scale = 1 << 20
        case "G": scale = 1 << 30
        default: break
        }
        if scale > 1 { digits = digits.dropLast() }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(digits), n > 0 else { return nil }
        let (bytes, overflow) = n.multipliedReportingOverflow(by: scale)
        return overflow ? nil : bytes
    }
}
