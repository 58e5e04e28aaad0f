import Foundation
import Testing
import Survey

/// The streaming estimator gives the in-memory estimates (values, SEs, covariance, intervals, df,
/// n) to ≤ 1e-12 relative whatever the chunking: chunks of 1 byte (one row each), 97 and 1,000
/// bytes (boundaries fall mid-row and are moved to the next line end) and one chunk, with one or
/// two threads per chunk; replicate types JK1, BRR, bootstrap and other with mse, and a stratified
/// Taylor design with PSUs; means, totals, proportions and ratios, overall and by a numeric or a
/// text domain. The in-memory path is the reference here (itself checked against R survey in
/// DesignReferenceTests); StreamingRTests checks the streaming path against R directly.
@Suite("Streaming estimator")
struct StreamingEstimatorTests {
    static let chunkings: [(bytes: Int, threads: Int)] = [(1, 1), (97, 1), (1000, 2), (1 << 24, 2)]
    let request = StreamingRequest(means: ["y", "z"], totals: ["y"], proportions: ["q"],
                                   ratios: [StreamingRatio(numerator: "y", denominator: "z")])

    /// The in-memory estimates of `request` on `design` over `table`, in the CLI's order.
    func inMemory(_ table: Table, _ design: any Design, by: String?) throws -> Estimate {
        let domains = try by.map { Domains(column: try table.column(named: $0)) }
        var parts = [try design.means(["y", "z"].map { try table.column(named: $0) }, by: domains)]
        parts.append(try design.totals([try table.column(named: "y")], by: domains))
        parts.append(try design.proportions(try table.column(named: "q"), by: domains))
        parts.append(try design.ratio(numerator: try table.column(named: "y"), denominator: try table.column(named: "z"), by: domains))
        return .concatenating(parts)
    }

    @Test("replicate designs: streamed = in memory to 1e-12 for every type, chunking and domain",
          arguments: [ReplicateType.jk1, .brr, .bootstrap, .other])
    func replicate(type: ReplicateType) throws {
        let path = try StreamingFixture.write(StreamingFixture.csv(rows: 643, seed: 17))
        let table = try CSVReader().read(path: path)
        let names = (1...StreamingFixture.replicates).map { "rw\($0)" }
        let mse = type == .other
        let scale: Double? = type == .other ? 0.3 : nil
        let memory = try ReplicateDesign(
            weights: try table.numeric("w"), replicates: try ReplicateWeights(rows: table.rowCount, columns: names.map { try table.numeric($0) }),
            type: type, scale: scale, mse: mse, checkPattern: false)
        let spec = StreamingReplicates(weights: "w", replicates: names, type: type, scale: scale, mse: mse, checkPattern: false)
        for by in [nil, "dom", "region"] as [String?] {
            var req = request
            req.by = by
            let expected = try inMemory(table, memory, by: by)
            for c in Self.chunkings {
                let got = try StreamingFixture.stream(path, request: req, design: .replicate(spec), chunkBytes: c.bytes, threads: c.threads)
                StreamingFixture.expectSame(got.estimate, expected, tolerance: 1e-12, "\(type) by \(by ?? "-") chunk \(c.bytes)")
                #expect(got.summary.degreesOfFreedom == memory.degreesOfFreedom)
                #expect(got.summary.n == table.rowCount)
            }
        }
    }

    @Test("Taylor strata/PSU design: streamed = in memory to 1e-12 (SEs, domain df) for every chunking")
    func taylor() throws {
        let path = try StreamingFixture.write(StreamingFixture.csv(rows: 521, seed: 5))
        let table = try CSVReader().read(path: path)
        let memory = try SurveyDesign(rows: table.rowCount, weights: try table.column(named: "w"),
                                      strata: try table.column(named: "stratum"), clusters: [try table.column(named: "psu")])
        for by in [nil, "dom", "region"] as [String?] {
            var req = request
            req.by = by
            let expected = try inMemory(table, memory, by: by)
            for c in Self.chunkings {
                let got = try StreamingFixture.stream(path, request: req, design: .taylor(weights: "w", strata: "stratum", cluster: "psu", nested: false),
                                                      chunkBytes: c.bytes, threads: c.threads)
                StreamingFixture.expectSame(got.estimate, expected, tolerance: 1e-12, "taylor by \(by ?? "-") chunk \(c.bytes)")
                #expect(got.summary.degreesOfFreedom == 30 - 6)   // 30 PSUs − 6 strata
                #expect(got.summary.psus == 30 && got.summary.strata == 6)
            }
        }
    }

    @Test("a missing analysis value is an error naming the variable and row, never a silent estimate")
    func missingValueIsAnError() throws {
        var text = StreamingFixture.csv(rows: 50, seed: 3)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var cells = lines[21].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        cells[4] = ""   // y of data row 20 (0-based 19)
        lines[21] = cells.joined(separator: ",")
        text = lines.joined(separator: "\n")
        let path = try StreamingFixture.write(text)
        let spec = StreamingReplicates(weights: "w", replicates: (1...12).map { "rw\($0)" }, type: .jk1)
        do {
            _ = try StreamingFixture.stream(path, request: StreamingRequest(means: ["y"]), design: .replicate(spec), chunkBytes: 300)
            Issue.record("expected an error")
        } catch let error as DataError {
            // lines[21] is file line 22: data row 21 (the header is line 1).
            #expect(error.line == 22 && error.column == "y" && error.message.contains("data row 21"), "\(error)")
        }
    }

    @Test("a stratum with one PSU is an error (lonely PSU), as in memory under fail")
    func lonelyPSU() throws {
        let path = try StreamingFixture.write("s,p,w,y\n1,1,1,2\n1,2,1,3\n2,3,1,4\n")
        #expect(throws: DesignError.self) {
            _ = try StreamingFixture.stream(path, request: StreamingRequest(means: ["y"]),
                                            design: .taylor(weights: "w", strata: "s", cluster: "p", nested: false), chunkBytes: 5)
        }
    }
}
