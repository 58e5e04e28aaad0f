import Foundation
import Testing
import Survey

/// docs/cab-waves.md's subgroup rules checked on every row of the built-in `groups.csv`.
@Suite struct CABGroupRuleTests {
    /// "suppressed when either level has fewer than 30": a difference row is suppressed exactly
    /// when one of its two levels (same file, target, measure, group) has n < 30.
    @Test func differencesSuppressedWhenEitherLevelIsSmall() throws {
        let rows = try CABGroupsTests.builtInGroups().groups
        var n: [String: Int] = [:]
        for o in rows where !o.flags.contains("group-difference") {
            n["\(o.sourceID)|\(o.target)|\(o.measure)|\(o.group)|\(o.groupLevel)"] = o.n
        }
        var checked = 0, suppressed = 0
        for d in rows where d.flags.contains("group-difference") {
            let parts = d.groupLevel.components(separatedBy: " vs ")
            #expect(parts.count == 2, "\(d.groupLevel)")
            let a = try #require(n["\(d.sourceID)|\(d.target)|\(d.measure)|\(d.group)|\(parts[0])"])
            let b = try #require(n["\(d.sourceID)|\(d.target)|\(d.measure)|\(d.group)|\(parts[1])"])
            #expect((min(a, b) < 30) == d.flags.contains("suppressed"), "\(d.sourceID) \(d.target) \(d.groupLevel): n \(a), \(b)")
            checked += 1
            suppressed += d.flags.contains("suppressed") ? 1 : 0
        }
        #expect(checked == 1_944 && suppressed > 0, "\(checked) differences, \(suppressed) suppressed")
    }

    /// "the urban/rural levels of waves 8/12 add up to slightly less than the total n": never more,
    /// less for at least one file of each of those waves (respondents who said Don't know/Refused).
    @Test func urbanRuralLevelsAddUpToAtMostTheTotal() throws {
        let (totals, groups) = try CABGroupsTests.builtInGroups()
        var short: Set<String> = []
        for t in totals where t.measure == "favorable" && !t.hasNoEstimate {
            guard let total = t.n else { continue }
            let sum = groups.filter { $0.sourceID == t.sourceID && $0.target == t.target && $0.measure == "favorable"
                && $0.group == "urban-rural" && !$0.flags.contains("group-difference") }.compactMap(\.n).reduce(0, +)
            guard sum > 0 else { continue }
            #expect(sum <= total, "\(t.sourceID) \(t.target): \(sum) > \(total)")
            if sum < total { short.insert(t.wave) }
        }
        #expect(short.contains { $0.hasPrefix("2020") } && short.contains { $0.hasPrefix("2022") }, "\(short)")
    }

    /// docs/cab-waves.md's group table: the levels of gender, age and urban-rural, and each
    /// difference taken against the group's "first level: Female, 18-29, Rural, the alphabetically
    /// first region or language" of that file.
    @Test func levelsAndReferenceLevels() throws {
        let rows = try CABGroupsTests.builtInGroups().groups
        let levels = rows.filter { !$0.flags.contains("group-difference") }
        func levelSet(_ g: String) -> Set<String> { Set(levels.filter { $0.group == g }.map(\.groupLevel)) }
        #expect(levelSet("gender") == ["Female", "Male"])
        #expect(levelSet("age") == ["18-29", "30-39", "40-49", "50-59", "60+"])
        #expect(levelSet("urban-rural") == ["Rural", "Urban"])
        var checked = 0
        for d in rows where d.flags.contains("group-difference") {
            let reference = try #require(d.groupLevel.components(separatedBy: " vs ").last)
            switch d.group {
            case "gender": #expect(reference == "Female")
            case "age": #expect(reference == "18-29")
            case "urban-rural": #expect(reference == "Rural")
            default:
                let first = levels.filter { $0.sourceID == d.sourceID && $0.target == d.target && $0.group == d.group }
                    .map(\.groupLevel).min()
                #expect(reference == first, "\(d.sourceID) \(d.group): \(reference) vs \(first ?? "?")")
            }
            checked += 1
        }
        #expect(checked == 1_944)
    }
}
