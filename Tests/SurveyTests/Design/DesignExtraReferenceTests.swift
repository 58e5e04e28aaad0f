import Foundation
import Testing
import Survey

/// Our own R cases (`Tests/Fixtures/rsurvey-extra/design.R` → `design.json`, R 4.2.2 + survey
/// 4.1.1): two-stage clusters with and without fpc, domains of proportions, quantiles under each
/// rule, every proportion interval, replicate designs converted from linearization designs
/// (JK1, JKn, BRR and Fay with Hadamard sizes 4, 8, 12, 16, 20) and built from given replicate
/// weights (JK1, JK1 with mse, JKn, BRR, Fay, bootstrap, other), and each lonely-PSU policy.
/// Relative error 1e-10 (absolute 1e-12 where R's value is zero in theory).
@Suite struct DesignExtraReferenceTests {

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
            AgreementLog.check(replicate.scale, DesignFixtures.number(reference["scale"]), "\(name) scale", key: "scale")
            let rs = try #require(reference["rscales"] as? [Double])
            #expect(rs.count == replicate.rscales.count, "\(name) replicate count")
            for (a, b) in zip(replicate.rscales, rs) { AgreementLog.check(a, b, "\(name) rscales", key: "rscales") }
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
                AgreementLog.check(a, b, label + " covariance", key: "proportion covariance \(design is ReplicateDesign ? "replicate" : "linearization")")
            }
            return
        }
        let element = try #require(estimate.elements.first { e in
            e.level == level && (domain == nil || e.domain?.value == domain?.1)
        }, "\(label): no such element")
        let key = "\(method.map { "ciprop " + $0.rawValue } ?? statistic) \(design is ReplicateDesign ? "replicate" : "linearization")"
        // R's `svyciprop` logit and likelihood intervals come from a glm fitted by IRLS (convergence
        // 1e-8 on the deviance), its point estimate too; we use the exact p̂ and the exact logit of
        // each replicate proportion, so agreement there is limited by R's iteration.
        let iterated = method == .logit || method == .likelihood
        let tolerance = iterated ? AgreementLog.iteratedTolerance : AgreementLog.tolerance
        AgreementLog.check(element.value, DesignFixtures.number(r["estimate"]), label + " estimate", key: key + " estimate",
                           tolerance: tolerance)
        if let se = DesignFixtures.number(r["se"]) {
            AgreementLog.check(element.standardError, se, label + " se", key: key + " se")
        } else {
            #expect(element.standardError.isNaN, "\(label): R gives no SE (NA), got \(element.standardError)")
        }
        for (bound, got) in [("ci_lower", element.ciLower), ("ci_upper", element.ciUpper)] where r.keys.contains(bound) {
            if let want = DesignFixtures.number(r[bound]) {
                AgreementLog.check(got, want, label + " " + bound, key: key + " ci", tolerance: tolerance)
            } else {
                #expect(got.isNaN, "\(label): R gives no \(bound) (NA), got \(got)")
            }
        }
        if let deff = DesignFixtures.number(r["deff"]) {
            AgreementLog.check(element.deff ?? .nan, deff, label + " deff", key: key + " deff")
            if let replace = DesignFixtures.number(r["deff_replace"]) {
                AgreementLog.check(element.deffReplace ?? .nan, replace, label + " deff_replace", key: key + " deff_replace")
            }
        }
    }

    /// Runs every case and writes/checks the generated table of measured maxima in
    /// docs/design-estimation.md (`BAROMETER_WRITE_DOCS=1` rewrites it).
    @Test func agreementTable() throws {
        let entries = try AgreementRecorder.measuring {
            for name in Self.names { try matchesR(name) }
        }
        #expect(Self.names.count > 20)
        try AgreementTable.verify(entries, "docs/design-estimation.md", "agreement-extra")
    }
}
