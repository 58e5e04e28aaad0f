/// Kinds of replicate weights, with R `survey`'s default variance constants (`svrepdesign`):
///
/// | type        | scale                      | rscales              |
/// |-------------|----------------------------|----------------------|
/// | `jk1`       | (R−1)/R                    | 1                    |
/// | `jkn`       | 1                          | required: (n_h−1)/n_h per replicate |
/// | `brr`       | 1/R                        | 1                    |
/// | `fay`       | 1/(R·(1−ρ)²), ρ required   | 1                    |
/// | `bootstrap` | 1/(R−1)                    | 1                    |
/// | `other`     | 1                          | 1                    |
///
/// (R = number of replicates.) The replicate variance is `scale · Σᵣ rscalesᵣ (θᵣ − θ̄)²`, θ̄ the
/// mean of the replicates (or the full-sample estimate under `mse`).
public enum ReplicateType: String, CaseIterable, Sendable {
    case jk1, jkn, brr, fay, bootstrap, other
}
