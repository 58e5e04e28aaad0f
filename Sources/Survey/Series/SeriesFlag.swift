/// What each observation flag means, in the words tables and charts print as footnotes.
public enum SeriesFlag {
    /// Explanations by flag; unknown flags are printed as they are.
    public static let explanations: [String: String] = [
        "mode-break": "CAB moved from face-to-face (2018) to telephone interviews (2020; Turkmenistan: 2022): changes across the switch mix opinion change with mode effects (series break; never pooled).",
        "unverified-item-mapping": "Waves 8 and 12: E1a/E1b/E1c = China/Russia/US is a secondary mapping, not yet checked against CAB's questionnaire.",
        "undocumented-weight": "Waves 8 and 12: the weight FinalWgt1 is undocumented (primary by convention only).",
        "srs-assumed": "No design variables in the file: SEs assume a weighted simple random sample.",
        "not-asked": "Not asked in this country and wave (every respondent 'Not Asked'): no figure, not 0%.",
        "lonely-psu-adjusted": "A stratum holds a single sampling point: its variance is centred at the grand mean (R survey lonely.psu = \"adjust\", conservative).",
        "psu-in-two-strata": "Kazakhstan 2017: sampling point 108 lies in two strata (Central x Urban, Central x Rural); PSUs count within strata (R survey nest = TRUE), so it is two PSUs.",
        "zero-count": "No respondent gave this answer: share 0; its interval is the one-sided Korn-Graubard (beta) [0, upper] from n (an SE of 0 says nothing).",
        "suppressed": "Subgroup with fewer than 30 respondents asked: no estimate shown (n kept).",
        "small-n": "Subgroup with fewer than 50 respondents asked: a wide interval; read with care.",
        "group-difference": "Difference between two levels of one subgroup within one survey, SE from the design covariance of both domains.",
        "inferred-language": "Interview language is inferred from the variable's values (the files carry no variable labels).",
        "n-unknown": "No sample size published: no SE or interval can be given.",
        "conflict": "Sources disagree on this figure; the preferred source is shown (primary > Gallup extract > press > blog).",
        "near-zero-unfavorable": "Turkmenistan 2018: almost no unfavorable answers; respondents may not feel free to answer.",
        "unusually-negative": "Uzbekistan 2022 is unusually negative toward China and the US; not yet checked against CAB's labelled file.",
        "approximate": "Published as an approximate value ('about', 'nearly').",
        "lower-bound": "Published as a lower bound ('more than').",
        "year-ambiguous": "The source's year is ambiguous.",
        "year-presumed": "The year is presumed from context.",
        "machine-translated": "Read from a machine translation.",
        "garbled-source": "The source sentence is garbled.",
        "unverified": "Secondary report not verified against the original survey.",
        "survey-unnamed": "The source does not name the survey.",
    ]

    /// `flag: explanation` as the CAB catalogue explains it.
    public static func note(_ flag: String) -> String {
        explanations[flag].map { "\(flag): \($0)" } ?? flag
    }

    /// `flag: explanation` for a flag carried by figures of `datasets`: `mode-break` in CAB's own
    /// words only when every one is CAB's (a user's file with a mode column said "CAB moved from
    /// face-to-face (2018)…"); otherwise the general words with the changes (`face-to-face →
    /// web`) the figures' modes show. The other flags come from CAB's importer and keep its words.
    public static func note(_ flag: String, datasets: some Sequence<String>, modeChanges: [String] = []) -> String {
        guard flag == "mode-break", datasets.contains(where: { $0 != "cab" }) else { return note(flag) }
        let changes = modeChanges.isEmpty ? "" : " (\(modeChanges.joined(separator: "; ")))"
        return "mode-break: the interview mode changed at this wave\(changes): changes across it mix opinion change with "
            + "mode effects (series break; never pooled)."
    }
}
