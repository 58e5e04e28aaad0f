#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// A file system error in words for a message: the system's text for the underlying `errno`
/// (`No such file or directory`), with the path it concerns. Why: without Foundation proper
/// there is no `localizedDescription`, and the errors' own descriptions are dumps of their
/// fields.
package enum FileErrorText {
    package static func describe(_ error: any Error) -> String {
        var code: Int32?
        var path: String?
        if let cocoa = error as? CocoaError {
            path = cocoa.userInfo["NSFilePath"] as? String
            if let posix = cocoa.userInfo["NSUnderlyingError"] as? POSIXError { code = posix.code.rawValue }
            if code == nil, cocoa.code == .fileReadInapplicableStringEncoding || cocoa.code == .fileReadCorruptFile {
                return "not readable as UTF-8 text" + (path.map { " (\($0))" } ?? "")
            }
        } else if let posix = error as? POSIXError {
            code = posix.code.rawValue
        }
        let place = path.map { " (\($0))" } ?? ""
        if let code, let text = strerror(code) { return String(cString: text) + place }
        if let cocoa = error as? CocoaError { return words(for: cocoa.code) + place }
        return "\(error)"
    }

    /// The words for a file error that carries no `errno`.
    static func words(for code: CocoaError.Code) -> String {
        switch code {
        case .fileNoSuchFile, .fileReadNoSuchFile: return "no such file or folder"
        case .fileReadNoPermission, .fileWriteNoPermission: return "permission denied"
        case .fileWriteOutOfSpace: return "no space left on the device"
        case .fileWriteFileExists: return "a file is already there"
        case .fileWriteVolumeReadOnly: return "the file system is read-only"
        case .fileReadTooLarge: return "the file is too large to read"
        default: return "file system error \(code.rawValue)"
        }
    }
}
