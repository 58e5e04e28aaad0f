import Foundation
import ZIPFoundation

/// A synthetic "zip bomb" workbook for tests: a sheet part of `megabytes` MiB of zeros, deflated
/// (about a thousandth of that on disk), with a valid workbook around it.
enum ZipBomb {
    static func write(megabytes: Int) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bomb-\(UUID().uuidString).xlsx")
        let archive = try Archive(url: url, accessMode: .create)
        func add(_ name: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) {
                position, size in data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        try add("xl/workbook.xml", #"<workbook><sheets><sheet name="S" r:id="r1"/></sheets></workbook>"#)
        try add("xl/_rels/workbook.xml.rels", #"<Relationships><Relationship Id="r1" Target="worksheets/sheet1.xml"/></Relationships>"#)
        let zeros = Data(count: 1 << 20)
        try archive.addEntry(with: "xl/worksheets/sheet1.xml", type: .file, uncompressedSize: Int64(megabytes) << 20,
                             compressionMethod: .deflate, bufferSize: 1 << 20) { _, size in zeros.prefix(size) }
        return url.path
    }
}
