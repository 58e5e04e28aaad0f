import Foundation
import Testing
@testable import barometer

/// Two-sample `--ttest VAR:COL` within `--where`: R's `svyttest(y ~ bin, subset(d, dom %in% …),
/// na.rm = TRUE)` takes its df from the subset's design (`svyglm`'s residual df, degf of the
/// rows fitted − 1); barometer used the whole design's df − 1 (8 instead of R's 7 here; 8 instead
/// of 3 on the JKn conversion), so its p and interval were off. The 31 rows below (3 strata,
/// 12 PSUs, two missing y), R 4.2.2, survey 4.1.1, d <- svydesign(ids=~psu, strata=~st,
/// weights=~w, data=…):
/// - subset(d, dom %in% c("u","w")): estimate 1.50566399203589, t 0.966945880872515, df 7,
///   p 0.365782837400351 (barometer's difference is bin=N − bin=Y, so its sign is the other);
/// - subset(as.svrepdesign(d, type="JKn"), dom %in% c("w","v")): estimate 1.99956279550545,
///   t 1.10813403577898, df 3, p 0.348659852938929;
/// - the whole design: estimate 1.12322293206552, df 8 = degf(d) − 1.
@Suite struct TTestWhereTests {
    static let csv = """
st,psu,w,y,x,dom,N,bin
A,1,5.6,5.32,1.49,u,10,Y
A,1,14.3,4.41,1.31,u,10,N
A,1,18.5,,2.54,u,10,N
A,2,7.1,10.74,1.09,u,10,Y
A,2,3.9,9.22,2.06,u,10,Y
A,2,14.6,7.83,1.68,u,10,Y
A,3,11.5,10.25,1.64,u,10,N
A,3,16.5,10.38,2.82,w,10,N
A,3,19.2,5.54,2.3,w,10,N
B,4,4,11.02,1.94,u,30,N
B,4,6.9,10.5,2.8,u,30,N
B,4,10.8,15.93,2.62,u,30,N
B,5,7.7,9.09,1.5,u,30,Y
B,5,12.1,8.05,1.19,u,30,Y
B,5,6.7,6.71,1.8,u,30,Y
B,6,5.6,7.18,1.64,u,30,N
B,6,9,,1.29,u,30,N
B,6,18,13.71,0.94,u,30,Y
B,7,12,6.98,1.79,w,30,Y
B,7,17.2,12.83,2.44,w,30,Y
B,7,18,11.72,1.24,w,30,Y
C,8,15,12.93,1.64,u,12,Y
C,8,5.8,14.2,1.48,u,12,Y
C,9,6.1,11.57,1.69,v,12,Y
C,9,4.5,8.55,0.76,w,12,Y
C,10,10.6,12.79,1.98,w,12,Y
C,10,9.9,6.01,0.97,u,12,Y
C,11,19.4,5.07,0.82,v,12,Y
C,11,4.6,12.35,2.95,u,12,Y
C,12,19.2,10.85,2.51,z,12,Y
C,12,10,8.73,2.67,z,12,N
"""

    static func contrast(_ extra: [String]) throws -> [String: Any] {
        let path = try HostileSweepTests.file("ttest.csv", csv)
        let r = Barometer.execute(["estimate", path, "--weights", "w", "--strata", "st", "--cluster", "psu", "--na-rm",
                                   "--ttest", "y:bin", "--format", "json"] + extra)
        #expect(r.exitCode == 0, "\(r.errors)")
        let json = try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: Any]
        return try #require((json?["contrasts"] as? [[String: Any]])?.first)
    }

    static func close(_ a: Any?, _ b: Double) -> Bool { abs((a as? Double ?? .nan) - b) <= 1e-9 * max(abs(b), 1) }

    @Test func linearizationWithinWhere() throws {
        let c = try Self.contrast(["--where", "dom=u,w"])
        #expect(Self.close(c["estimate"], -1.50566399203589) && Self.close(c["t"], -0.966945880872515))
        #expect(c["df"] as? Double == 7 && Self.close(c["p_value"], 0.365782837400351), "\(c)")
    }

    @Test func jknWithinWhere() throws {
        let c = try Self.contrast(["--to-replicates", "jkn", "--where", "dom=w,v"])
        #expect(Self.close(c["estimate"], -1.99956279550545) && Self.close(c["t"], -1.10813403577898))
        #expect(c["df"] as? Double == 3 && Self.close(c["p_value"], 0.348659852938929), "\(c)")
    }

    @Test func wholeDesign() throws {
        let c = try Self.contrast([])
        #expect(Self.close(c["estimate"], -1.12322293206552) && c["df"] as? Double == 8, "\(c)")
    }
}

/// Calibrating converted replicates to margins: a JKn replicate that drops the only PSU holding
/// `dom = z` leaves that margin level without weight. R's `rake(as.svrepdesign(d, "JKn"), …)`
/// fails too; barometer's message said "zero weight in the sample", as if the full sample (which
/// rakes) were at fault. It now names the replicate (the sweep's rows, `TTestWhereTests.csv`).
@Suite struct ReplicateCalibrationMessageTests {
    @Test func theFailingReplicateIsNamed() throws {
        let data = try HostileSweepTests.file("rows.csv", TTestWhereTests.csv)
        let margins = try HostileSweepTests.file("m.csv", "variable,level,total\ndom,u,400\ndom,v,60\ndom,w,150\ndom,z,40\nbin,Y,300\nbin,N,350\n")
        let base = ["estimate", data, "--weights", "w", "--strata", "st", "--cluster", "psu", "--rake", margins, "--mean", "x"]
        #expect(Barometer.execute(base).exitCode == 0)
        let r = Barometer.execute(base + ["--to-replicates", "jkn"])
        #expect(r.exitCode == 1)
        #expect(r.errors.contains("replicate 12 of 12 (the full sample calibrates") && r.errors.contains("level 'z' of 'dom'"), "\(r.errors)")
    }
}
