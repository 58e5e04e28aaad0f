import SurveyText
import ArgumentParser

/// Flag values that name nothing: `--cluster ''` was taken as no cluster (a simple random sample,
/// exit 0), `--mean ''` as no mean, `--cluster 'dnum,'` as one stage. A flag given with an empty
/// name, or a comma list with an empty item, is a usage error instead.
enum EmptyValues {
    /// Each given single value must be non-blank.
    static func checkNames(_ flags: [(flag: String, value: String?)]) throws {
        for (flag, value) in flags where value?.whitespacesTrimmed().isEmpty == true {
            throw ValidationError("\(flag) was given an empty value; name a column or file, or leave the flag out")
        }
    }

    /// Each given comma list (every repetition of the flag) must have no empty item.
    static func checkLists(_ flags: [(flag: String, values: [String])]) throws {
        for (flag, values) in flags {
            for value in values where value.split(separator: ",", omittingEmptySubsequences: false)
                .contains(where: { $0.whitespacesTrimmed().isEmpty }) {
                throw ValidationError("\(flag) '\(value)' has an empty name in its list")
            }
        }
    }
}
