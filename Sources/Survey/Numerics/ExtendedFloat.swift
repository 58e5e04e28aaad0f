/// The wider floating-point type used for residuals during iterative refinement.
///
/// On x86-64 (and i386) outside Windows/Android this is the x87 80-bit `Float80` (64-bit
/// significand, unit roundoff 5.4e-20, about 3 more decimal digits than `Double`). Elsewhere
/// `Float80` does not exist and this falls back to `Double`: refinement then still reduces the
/// error of the QR solution, but the NIST StRD accuracy documented in `docs/accuracy.md` applies to
/// x86-64 only.
#if (arch(x86_64) || arch(i386)) && !os(Windows) && !os(Android)
typealias ExtendedFloat = Float80
#else
typealias ExtendedFloat = Double
#endif
