import Foundation
import Testing
@testable import barometer

/// `regress` on converted JKn replicates where one replicate drops the only PSU holding
/// `dom = z`: the predictors are collinear in that replicate. R's replicate `svyglm` gets NA
/// coefficients there and `svrVar` drops the replicate ("1 replicates gave NA results and were
/// discarded"); barometer refused the whole model ("domz is a linear combination of the other
/// columns"). R 4.2.2, survey 4.1.1: `svyglm(y ~ x + dom, as.svrepdesign(svydesign(ids=~psu,
/// strata=~st, weights=~w, data=d), type="JKn"))`: SEs 3.14361691446962, 1.37901699887554,
/// 4.48069781499924, 2.32956144100228, 1.13166795842731; residual df 5.
@Suite struct RegressDroppedReplicateTests {
    static let csv = """
st,psu,w,y,x,dom,N,bin,yb,cnt
A,1,5.6,5.32,1.49,u,10,Y,1,5
A,1,14.3,4.41,1.31,u,10,N,0,4
A,1,18.5,9.9,2.54,u,10,N,0,10
A,2,7.1,10.74,1.09,u,10,Y,1,11
A,2,3.9,9.22,2.06,u,10,Y,1,9
A,2,14.6,7.83,1.68,u,10,Y,1,8
A,3,11.5,10.25,1.64,u,10,N,0,10
A,3,16.5,10.38,2.82,w,10,N,0,10
A,3,19.2,5.54,2.3,w,10,N,0,6
B,4,4,11.02,1.94,u,30,N,0,11
B,4,6.9,10.5,2.8,u,30,N,0,10
B,4,10.8,15.93,2.62,u,30,N,0,16
B,5,7.7,9.09,1.5,u,30,Y,1,9
B,5,12.1,8.05,1.19,u,30,Y,1,8
B,5,6.7,6.71,1.8,u,30,Y,1,7
B,6,5.6,7.18,1.64,u,30,N,0,7
B,6,9,16.91,1.29,u,30,N,0,17
B,6,18,13.71,0.94,u,30,Y,1,14
B,7,12,6.98,1.79,w,30,Y,1,7
B,7,17.2,12.83,2.44,w,30,Y,1,13
B,7,18,11.72,1.24,w,30,Y,1,12
C,8,15,12.93,1.64,u,12,Y,1,13
C,8,5.8,14.2,1.48,u,12,Y,1,14
C,9,6.1,11.57,1.69,v,12,Y,1,12
C,9,4.5,8.55,0.76,w,12,Y,1,9
C,10,10.6,12.79,1.98,w,12,Y,1,13
C,10,9.9,6.01,0.97,u,12,Y,1,6
C,11,19.4,5.07,0.82,v,12,Y,1,5
C,11,4.6,12.35,2.95,u,12,Y,1,12
C,12,19.2,10.85,2.51,z,12,Y,1,11
C,12,10,8.73,2.67,z,12,N,0,9
"""

    @Test func collinearReplicateIsDroppedAsR() throws {
        let path = try HostileSweepTests.file("reg.csv", Self.csv)
        let base = ["regress", path, "--weights", "w", "--strata", "st", "--cluster", "psu", "--to-replicates", "jkn",
                    "--y", "y", "--x", "x,dom"]
        let r = Barometer.execute(base + ["--format", "csv"])
        #expect(r.exitCode == 0, "\(r.errors)")
        let se = r.output.split(whereSeparator: \.isNewline).dropFirst().prefix(5).compactMap { Double($0.split(separator: ",")[2]) }
        let want = [3.14361691446962, 1.37901699887554, 4.48069781499924, 2.32956144100228, 1.13166795842731]
        #expect(se.count == 5 && zip(se, want).allSatisfy { abs($0 - $1) < 1e-9 * $1 }, "\(se) \(r.output)")
        let text = Barometer.execute(base)
        #expect(text.output.contains("residual df = 5"), "\(text.output)")
        #expect(text.output.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains("replicate 12 could not be refitted"))
    }
}
