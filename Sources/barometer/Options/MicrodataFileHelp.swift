import ArgumentParser

/// The help of a command's microdata-file argument: every format `TableReader` reads (by content,
/// not extension), said once so no command's help lags behind the reader (crosstab's still said
/// ".sav/.dta when the ReadStat reader is available" long after it was).
enum MicrodataFileHelp {
    static let text = "Microdata file: CSV or other delimited text, SPSS .sav/.zsav/.por, Stata .dta or Excel .xlsx "
        + "(the format is read from the content)."
    static var argument: ArgumentHelp { ArgumentHelp(text) }
}
