extension StringProtocol {
    /// Whether every byte of the text is 7-bit ASCII (so each byte is one character and one
    /// column). Read from the string's own storage where it has one: walking the UTF-8 view a
    /// byte at a time costs about ten times more, and table text asks this of every cell.
    package var isASCII: Bool {
        utf8.withContiguousStorageIfAvailable { !$0.contains(where: { $0 >= 0x80 }) }
            ?? utf8.allSatisfy { $0 < 0x80 }
    }
}
