import ArgumentParser

/// An option value that is one of a fixed set of words (`--format text|csv|json`): a
/// `String`-backed enum, spelled as its raw values in usage, help and completions.
///
/// ArgumentParser's own defaults for such enums reach the raw value through generic code that
/// looks conformances up at run time (`RawRepresentable`, `CaseIterable`, `Hashable` of the
/// type): the first lookup of each scans every conformance record of the binary, about 0.2M
/// instructions, on every start of a command with such an option (issue 17 item 4). These give
/// the same words directly.
protocol ChoiceArgument: ExpressibleByArgument, CaseIterable, RawRepresentable where RawValue == String {}

extension ChoiceArgument {
    /// Every raw value, in declaration order.
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }

    /// None: each value's description is its raw value.
    public static var allValueDescriptions: [String: String] { [:] }

    /// The raw value.
    public var defaultValueDescription: String { rawValue }
}
