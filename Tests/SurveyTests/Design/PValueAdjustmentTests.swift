import Testing
import Survey

/// `p.adjust` with an undefined p (a banner pair whose difference has SE 0): R leaves the NA out
/// of the family size n. barometer counted it (Holm 6 × 0.0326 = 0.196 instead of R's 5 × 0.0326).
/// R 4.2.2: `p.adjust(c(0.8646471855503755, 0.032583877373950534, 0.6501474662757938,
/// 0.2453412934435948, 0.942287250690394, NA), "holm")` = 1, 0.16291938686975266, 1,
/// 0.98136517377437915, 1, NA; "bonferroni" = 1, 0.16291938686975266, 1, 1, 1, NA.
@Suite struct PValueAdjustmentTests {
    static let p = [0.8646471855503755, 0.032583877373950534, 0.6501474662757938, 0.2453412934435948, 0.942287250690394, .nan]

    @Test func holmLeavesTheUndefinedOut() {
        let a = PValueAdjustment.holm.adjust(Self.p)
        #expect(abs(a[1] - 0.16291938686975266) < 1e-15 && abs(a[3] - 0.98136517377437915) < 1e-15)
        #expect(a[0] == 1 && a[2] == 1 && a[4] == 1 && a[5].isNaN)
    }

    @Test func bonferroniLeavesTheUndefinedOut() {
        let a = PValueAdjustment.bonferroni.adjust(Self.p)
        #expect(abs(a[1] - 0.16291938686975266) < 1e-15 && a[5].isNaN && a[3] == 1)
    }
}
