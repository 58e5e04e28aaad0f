import Foundation
import Testing
@testable import SurveyText

/// `Printf.string` replaced `String(format:)` (Foundation proper) in every report: for each
/// format the reports use, the reference is Foundation's own `String(format:)`.
@Suite struct PrintfTests {
    static let values: [Double] = [0, -0.0, 1, -1, 0.5, 2.5, 1e-17, 1.2345678e-5, 0.000123456, 3.14159265358979,
                                   12345.6789, -98765.4321, 1e21, 6.02214076e23, .pi * 1e6, 0.1 + 0.2]

    @Test(arguments: ["%.2f", "%.1e", "%g", "%.4g", "%.6g", "%.3g", "%.3f", "%.4f", "%.1f", "%.2f%%", "min %.4g"])
    func equalsFoundationFormat(_ format: String) {
        for x in Self.values {
            #expect(Printf.string(format, x) == String(format: format, x), "\(format) \(x)")
        }
    }

    @Test func integersAndLongOutput() {
        #expect(Printf.string("%04ld-%02ld", 2024, 7) == String(format: "%04ld-%02ld", 2024, 7))
        #expect(Printf.string("%04ld-%02ld-%02ld", 987, 12, 1) == "0987-12-01")
        // Longer than the first 128-byte buffer: 1e300 printed in full has 301 digits before the point.
        #expect(Printf.string("%.2f", 1e300) == String(format: "%.2f", 1e300))
        #expect(Printf.string("%.2f", 1e300).count == 304)
    }
}
