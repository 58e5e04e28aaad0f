import ArgumentParser
import Survey

extension Barometer {
    /// The message for a command line whose first word is no command (`barometer estimat FILE
    /// --mean y`), which the parser reported by the first option it could not place ("Unknown
    /// option '--mean'", a sweep) or as "Unexpected argument": names the word, the nearest
    /// command, and the commands there are. Nil when the first word is an option, a command or `help`.
    static func unknownCommandMessage(_ arguments: [String]) -> String? {
        guard let word = arguments.first, !word.hasPrefix("-"), word != "help" else { return nil }
        let names = configuration.subcommands.map { $0.configuration.commandName ?? "" }
        guard !names.contains(word) else { return nil }
        let near = nearestName(to: word, among: names).map { " (did you mean '\($0)'?)" } ?? ""
        return "unknown command '\(word)'\(near); the commands are \(names.joined(separator: ", ")) "
            + "('barometer --help' says what each does)"
    }
}
