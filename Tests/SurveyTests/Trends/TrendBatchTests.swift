import Foundation
import Testing
import Survey

/// The batch entry point gives the same numbers as fitting each series alone, and a series that
/// cannot be fitted is reported without stopping the run.
@Suite struct TrendBatchTests {
    @Test func batchMatchesSingleFits() throws {
        let ref = try #require(TrendReference.shared)
        let data = try ref.data("synthetic-logit")
        var csv = "series,time,y,var,m\n"
        for i in data.times.indices {
            csv += "a,\(data.times[i]),\(data.values[i]),\(data.variances[i]),\(data.effectiveSizes[i])\n"
        }
        csv += "short,2019.5,0.5,0.0002,1000\nshort,2020.5,0.4,0.0002,1000\n"
        for kind in [TrendModelKind.logit, .localTrend, .linear] {
            let out = try TrendBatch.run(csv: csv, model: kind).split(separator: "\n").map(String.init)
            #expect(out[0] == "series,slope,slope_se,endpoint,endpoint_se,extra1,extra2")
            let a = out[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let single = try kind.model().fit(data, options: TrendOptions())
            #expect(a[0] == "a")
            #expect(agrees(Double(a[1]) ?? .nan, single.slope?.estimate ?? 0, rel: 1e-9), "\(kind) slope")
            #expect(agrees(Double(a[3]) ?? .nan, single.endpoint.estimate, rel: 1e-9), "\(kind) endpoint")
            #expect(out[2] == "short,,,,,,")
            #expect(out.last?.hasPrefix("# short: ") == true)
        }
        #expect(throws: DataError.self) { try TrendBatch.run(csv: "x,y\n1,2\n", model: .logit) }
        #expect(throws: DataError.self) { try TrendBatch.run(csv: "series,time,y,var,m\na,b,c,d,e\n", model: .logit) }
    }
}
