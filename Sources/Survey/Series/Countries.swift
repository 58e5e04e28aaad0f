import SurveyText

/// Country codes and English names the selectors accept: ISO 3166 alpha-2 codes, the English
/// short names, and common variants ("Kyrgyz Republic", "Kirghizia").
public enum Countries {
    /// ISO2 code → English name, for the countries the built-in data cover.
    public static let names: [String: String] = [
        "KZ": "Kazakhstan", "KG": "Kyrgyzstan", "TJ": "Tajikistan", "TM": "Turkmenistan", "UZ": "Uzbekistan",
    ]

    /// Other spellings → ISO2.
    static let variants: [String: String] = [
        "kyrgyz republic": "KG", "kirghizia": "KG", "kirgizia": "KG", "turkmenia": "TM",
    ]

    /// English name for an ISO2 code (the code itself when unknown).
    public static func name(_ code: String) -> String { names[code] ?? code }

    /// The ISO2 code for a code or English name (case-insensitive), or nil.
    public static func code(for text: String) -> String? {
        // Foundation's trim would be this command's only use of it (its first call costs ~0.3 ms).
        let t = text.whitespacesTrimmed()
        if t.count == 2 { return t.uppercased() }
        let lower = t.lowercased()
        if let c = names.first(where: { $0.value.lowercased() == lower })?.key { return c }
        return variants[lower]
    }
}

/// Targets (whose image is measured) and their accepted spellings.
enum Targets {
    /// Alias (lowercased) → canonical target name.
    static let aliases: [String: String] = [
        "us": "United States", "usa": "United States", "united states": "United States",
        "america": "United States", "u.s.": "United States", "prc": "China", "china": "China",
        "russia": "Russia", "ru": "Russia", "russian federation": "Russia", "cn": "China",
    ]

    /// The canonical name for a user's spelling, or nil when it is no known alias.
    static func canonical(_ text: String) -> String? {
        aliases[text.whitespacesTrimmed().lowercased()]
    }
}
