import Foundation
import Testing
@testable import barometer

/// A sweep compared trend's logit AIC (252.42) with R's `glm(binomial)` AIC (323.68) and found
/// them apart: the two are different likelihoods (docs/trends.md: the shares' Gaussian one, so
/// the models' AICs compare with each other). The note now says which, so no one compares them.
@Suite struct TrendAICNoteTests {
    @Test func aicNoteNamesItsLikelihood() {
        let logit = Barometer.execute(["trend", "--dataset", "gallup", "--country", "KZ", "--target", "US", "--measure", "approve",
                                       "--assume-n", "1000", "--model", "logit"])
        #expect(logit.exitCode == 0, "\(logit.errors)")
        let text = (logit.output + logit.errors).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("(Gaussian likelihood of the shares, sampling variances known: comparable across linear, quadratic, "
            + "logit and segmented, not with R glm's binomial AIC)"), "\(text)")
        let local = Barometer.execute(["trend", "--dataset", "gallup", "--country", "KZ", "--target", "US", "--measure", "approve",
                                       "--assume-n", "1000", "--model", "local-trend"])
        let localText = (local.output + local.errors).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(localText.contains("(exact diffuse likelihood; not comparable with the other models')"), "\(localText)")
    }
}
