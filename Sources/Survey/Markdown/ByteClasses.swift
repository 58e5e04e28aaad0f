/// ASCII byte constants used by the parsers, named so the scanning code reads like the spec.
enum Byte {
    static let tab: UInt8 = 0x09
    static let newline: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let bang: UInt8 = 0x21
    static let quote: UInt8 = 0x22
    static let hash: UInt8 = 0x23
    static let ampersand: UInt8 = 0x26
    static let apostrophe: UInt8 = 0x27
    static let leftParen: UInt8 = 0x28
    static let rightParen: UInt8 = 0x29
    static let star: UInt8 = 0x2A
    static let plus: UInt8 = 0x2B
    static let minus: UInt8 = 0x2D
    static let dot: UInt8 = 0x2E
    static let slash: UInt8 = 0x2F
    static let digit0: UInt8 = 0x30
    static let digit9: UInt8 = 0x39
    static let colon: UInt8 = 0x3A
    static let semicolon: UInt8 = 0x3B
    static let lessThan: UInt8 = 0x3C
    static let equals: UInt8 = 0x3D
    static let greaterThan: UInt8 = 0x3E
    static let at: UInt8 = 0x40
    static let leftBracket: UInt8 = 0x5B
    static let backslash: UInt8 = 0x5C
    static let rightBracket: UInt8 = 0x5D
    static let underscore: UInt8 = 0x5F
    static let backtick: UInt8 = 0x60
    static let pipe: UInt8 = 0x7C
    static let tilde: UInt8 = 0x7E
}

/// Pure byte classification helpers (ASCII rules from the CommonMark spec, §2.1).
enum ByteClass {
    /// Space or tab: the only whitespace that counts for block indentation.
    @inline(__always) static func isSpaceOrTab(_ b: UInt8) -> Bool { b == Byte.space || b == Byte.tab }

    /// Space, tab, newline, form feed or carriage return.
    @inline(__always) static func isWhitespace(_ b: UInt8) -> Bool {
        b == Byte.space || b == Byte.tab || b == Byte.newline || b == 0x0C || b == Byte.carriageReturn
    }

    /// ASCII control characters (C0 and DEL), which never appear in link destinations.
    @inline(__always) static func isControl(_ b: UInt8) -> Bool { b < 0x20 || b == 0x7F }

    /// ASCII decimal digit.
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= Byte.digit0 && b <= Byte.digit9 }

    /// ASCII hexadecimal digit.
    @inline(__always) static func isHexDigit(_ b: UInt8) -> Bool {
        isDigit(b) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66)
    }

    /// ASCII letter.
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    /// ASCII letter or digit.
    @inline(__always) static func isAlphanumeric(_ b: UInt8) -> Bool { isLetter(b) || isDigit(b) }

    /// ASCII punctuation: the characters a backslash may escape.
    @inline(__always) static func isASCIIPunctuation(_ b: UInt8) -> Bool {
        (b >= 0x21 && b <= 0x2F) || (b >= 0x3A && b <= 0x40) || (b >= 0x5B && b <= 0x60) || (b >= 0x7B && b <= 0x7E)
    }

    /// ASCII lower-casing of one byte (used for case-insensitive keyword checks).
    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b }
}

/// Unicode-aware classification of the characters around a delimiter run (flanking rules).
enum CharClass {
    /// What a delimiter run sees on one side: whitespace, punctuation, or anything else.
    enum Kind { case whitespace, punctuation, other }

    /// Classifies the scalar that ends just before `index` (start of text counts as whitespace).
    static func before(_ text: [UInt8], _ index: Int) -> Kind {
        guard index > 0 else { return .whitespace }
        let last = text[index - 1]
        if last < 0x80 { return classifyASCII(last) }
        // Walk back over continuation bytes (at most 3) to the lead byte.
        var start = index - 1
        var steps = 0
        while start > 0 && text[start] & 0xC0 == 0x80 && steps < 3 {
            start -= 1
            steps += 1
        }
        return classify(decode(text, start, index))
    }

    /// Classifies the scalar that starts at `index` (end of text counts as whitespace).
    static func after(_ text: [UInt8], _ index: Int) -> Kind {
        guard index < text.count else { return .whitespace }
        let first = text[index]
        if first < 0x80 { return classifyASCII(first) }
        var end = index + 1
        while end < text.count && end < index + 4 && text[end] & 0xC0 == 0x80 { end += 1 }
        return classify(decode(text, index, end))
    }

    /// ASCII classification: whitespace, punctuation, or other.
    @inline(__always) static func classifyASCII(_ b: UInt8) -> Kind {
        if ByteClass.isWhitespace(b) { return .whitespace }
        if ByteClass.isASCIIPunctuation(b) { return .punctuation }
        return .other
    }

    /// Decodes one UTF-8 scalar from text[start..<end]; nil when malformed.
    static func decode(_ text: [UInt8], _ start: Int, _ end: Int) -> Unicode.Scalar? {
        var iterator = text[start..<end].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
        return nil
    }

    /// Unicode classification per CommonMark: Zs is whitespace, P* and S* are punctuation.
    static func classify(_ scalar: Unicode.Scalar?) -> Kind {
        guard let scalar else { return .other }
        if scalar.value < 0x80 { return classifyASCII(UInt8(scalar.value)) }
        switch scalar.properties.generalCategory {
        case .spaceSeparator:
            return .whitespace
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return .punctuation
        default:
            return .other
        }
    }
}
