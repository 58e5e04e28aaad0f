import Foundation
import Testing
@testable import Survey

/// Our own R cases (`Tests/Fixtures/rsurvey-extra/design.R` → `design.json`, R 4.2.2 + survey
/// 4.1.1): two-stage clusters with and without fpc, domains of proportions, quantiles under each
/// rule, every proportion interval, replicate designs converted from linearization designs
/// (JK1, JKn, BRR and Fay with Hadamard sizes 4, 8, 12, 16, 20) and built from given replicate
/// weights (JK1, JK1 with mse, JKn, BRR, Fay, bootstrap, other), and each lonely-PSU policy.
/// Relative error 1e-9 (absolute 1e-12 where R's value is zero in theory).
@Suite struct DesignExtraReferenceTests {
    static let log = AgreementLog()

    static func cases() throws -> [String: [String: Any]] {
        (try DesignFixtures.extra("design.json")["cases"] as? [String: [String: Any]]) ?? [:]
    }

    static let names: [String] = (try? cases().keys.sorted()) ?? []

    @Test(arguments: names)
    func matchesR(_ name: String) throws {
        let reference = try #require(try Self.cases()[name])
        let (design, table) = try DesignExtraCases.design(name, reference: reference)
        #expect(Double(design.summary.degreesOfFreedom) == DesignFixtures.number(reference["degf"]), "\(name) degf")
        if let replicate = design as? ReplicateDesign {
            Self.log.check(replicate.scale, DesignFixtures.number(reference["scale"]), "\(name) scale", key: "scale")
            let rs = try #require(reference["rscales"] as? [Double])
            #expect(rs.count == replicate.rscales.count, "\(name) replicate count")
            for (a, b) in zip(replicate.rscales, rs) { Self.log.check(a, b, "\(name) rscales", key: "rscales") }
        }
        let records = try #require(reference["records"] as? [[String: Any]])
        for record in records {
            try Self.check(record, design: design, table: table, name: name)
        }
    }

    static func check(_ r: [String: Any], design: any Design, table: Table, name: String) throws {
        let statistic = try #require(r["statistic"] as? String)
        let variable = try #require(r["variable"] as? String)
        let level = r["level"] as? String
        let domain = (r["domain"] as? [String: Any]).flatMap { d in (d["var"] as? String).map { ($0, d["value"] as? String ?? "") } }
        let by = try domain.map { Domains(column: try table.column(named: $0.0)) }
        let method = (r["method"] as? String).flatMap(ProportionIntervalMethod.init(rawValue:))
        let options = EstimationOptions(designEffects: r["deff"] != nil, removeMissing: true, proportionInterval: method)
        let label = "\(name) \(statistic) \(variable)\(level.map { "=" + $0 } ?? "")\(domain.map { " by \($0.0)=\($0.1)" } ?? "")"
        let estimate: Estimate
        switch statistic {
        case "mean": estimate = try design.means([table.column(named: variable)], by: by, options: options)
        case "total": estimate = try design.totals([table.column(named: variable)], by: by, options: options)
        case "proportion", "proportion_covariance":
            estimate = try design.proportions(table.column(named: variable), by: by, options: options)
        case "ratio":
            let parts = variable.split(separator: "/").map(String.init)
            estimate = try design.ratio(numerator: table.column(named: parts[0]), denominator: table.column(named: parts[1]),
                                        by: by, options: options)
        case "quantile":
            let rule = try #require(QuantileRule(rawValue: r["qrule"] as? String ?? ""))
            let p = try #require(DesignFixtures.number(r["p"]))
            estimate = try design.quantiles(table.column(named: variable), probabilities: [p], rule: rule, by: by,
                                            options: options)
        default:
            Issue.record("\(label): unknown statistic")
            return
        }
        if statistic == "proportion_covariance" {
            let want = try #require(r["matrix"] as? [Double])
            for (a, b) in zip(estimate.covariance.storage, want) {
                log.check(a, b, label + " covariance", key: "proportion covariance \(kind(name))")
            }
            return
        }
        let element = try #require(estimate.elements.first { e in
            e.level == level && (domain == nil || e.domain?.value == domain?.1)
        }, "\(label): no such element")
        let key = "\(method.map { "ciprop " + $0.rawValue } ?? statistic) \(kind(name))"
        log.check(element.value, DesignFixtures.number(r["estimate"]), label + " estimate", key: key + " estimate")
        if let se = DesignFixtures.number(r["se"]) {
            log.check(element.standardError, se, label + " se", key: key + " se")
        } else {
            #expect(element.standardError.isNaN, "\(label): R gives no SE (NA), got \(element.standardError)")
        }
        for (bound, got) in [("ci_lower", element.ciLower), ("ci_upper", element.ciUpper)] where r.keys.contains(bound) {
            if let want = DesignFixtures.number(r[bound]) {
                // R's `logit` interval on a replicate design refits a glm per replicate by IRLS
                // (convergence 1e-8 on the deviance); we use the exact logit of each replicate
                // proportion, so agreement is limited by R's iteration to ~1e-8.
                let loose = method == .logit && design is ReplicateDesign
                log.check(got, want, label + " " + bound, key: key + " ci", tolerance: loose ? 1e-8 : 1e-9)
            } else {
                #expect(got.isNaN, "\(label): R gives no \(bound) (NA), got \(got)")
            }
        }
        if let deff = DesignFixtures.number(r["deff"]) {
            log.check(element.deff ?? .nan, deff, label + " deff", key: key + " deff")
            if let replace = DesignFixtures.number(r["deff_replace"]) {
                log.check(element.deffReplace ?? .nan, replace, label + " deff_replace", key: key + " deff_replace")
            }
        }
    }

    /// Groups cases for the agreement report: two-stage, domains, replicate conversions, given, lonely.
    static func kind(_ name: String) -> String {
        if name.hasPrefix("given") { return "given-replicates" }
        if name.hasPrefix("lonely") { return name.hasSuffix("jkn") ? "lonely-jkn" : "lonely" }
        if name.hasSuffix("brr") || name.hasSuffix("fay") { return "brr-fay" }
        if name.hasSuffix("jkn") || name.hasSuffix("jk1") { return "jackknife" }
        return name.hasPrefix("clus2") ? "two-stage" : "domains"
    }

    @Test func zzReport() async throws {
        try await Task.sleep(nanoseconds: 3_000_000_000)
        print("R agreement (design.json):\n" + Self.log.report())
    }
}
