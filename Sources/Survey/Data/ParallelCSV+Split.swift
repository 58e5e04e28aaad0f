/// How `ParallelCSV` splits a file's records among its threads.
extension ParallelCSV {
    /// A run of records split at line ends into one chunk per thread (or `piecesPerThread` a
    /// thread), with the header's names: what `readLines` and `readPieces` parse.
    struct Split {
        let file: MappedFile
        let separator: CSVReader.Separator
        let names: [String]
        let headerBytes: [UInt8]
        /// Where the header line ends (its line feed).
        let headerEnd: Int
        /// The records parsed (after the header).
        let records: Range<Int>
        let chunks: [Range<Int>]
        let workers: Int

        /// Nil when the general reader must read the file (no header line, an odd quote in it, more
        /// than `maxOpenColumns` columns…).
        init?(path: String, separator: CSVReader.Separator, threads: Int?, minimumChunkBytes: Int,
              records: Range<Int>?, piecesPerThread: Int) {
            guard let file = MappedFile(path: path) else { return nil }
            let data = file.base, size = file.count
            var start = 0
            if size >= 3, data[0] == 0xEF, data[1] == 0xBB, data[2] == 0xBF { start = 3 }
            var headerEnd = start
            while headerEnd < size && data[headerEnd] != 0x0A { headerEnd += 1 }
            guard headerEnd < size, headerEnd > start else { return nil }
            let headerBytes = Array(UnsafeBufferPointer(start: data + start, count: headerEnd - start))
            guard headerBytes.filter({ $0 == 0x22 }).count % 2 == 0 else { return nil }
            // The header through the general reader: names, V<n> for empty ones. A first line it
            // cannot take as a header alone (e.g. a blank CRLF line, which the general reader skips)
            // sends the whole file to the general reader, which finds the header or the precise error.
            guard let names = try? CSVReader(separator: separator).read(bytes: headerBytes + [0x0A], name: path).columnNames,
                  !names.isEmpty, names.count <= ParallelCSV.maxOpenColumns else { return nil }
            let from = max(records?.lowerBound ?? headerEnd + 1, headerEnd + 1), to = min(records?.upperBound ?? size, size)
            guard to > from else { return nil }
            let workers = threads ?? threadCount(bytes: to - from + 1, minimumChunk: minimumChunkBytes)
            let parts = workers > 1 ? workers * max(piecesPerThread, 1) : workers
            var bounds = [from]
            for k in 1..<parts {
                var b = max(from + (to - from) * k / parts, bounds[k - 1])
                while b < to && data[b - 1] != 0x0A { b += 1 }
                bounds.append(b)
            }
            bounds.append(to)
            self.file = file
            self.separator = separator
            self.names = names
            self.headerBytes = headerBytes
            self.headerEnd = headerEnd
            self.records = from..<to
            self.chunks = (0..<parts).map { bounds[$0]..<bounds[$0 + 1] }
            self.workers = workers
        }

        /// Which columns the first records of the file show to be text (`ParallelCSV.textColumns`).
        func textColumns() -> [Bool] {
            ParallelCSV.textColumns(data: file.base, from: headerEnd + 1, size: file.count,
                                    header: headerBytes, count: names.count, separator: separator)
        }
    }
}
