#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyText

import CReadStat

/// The statistics-package formats ReadStat reads for us.
public enum StatFileFormat: String, Sendable, CaseIterable {
    /// SPSS system file, `.sav` (`$FL2`) or compressed `.zsav` (`$FL3`).
    case spss
    /// SPSS portable file, `.por`.
    case spssPortable
    /// Stata `.dta` (versions 104–119).
    case stata

    /// Human name for messages.
    var displayName: String {
        switch self {
        case .spss: return "SPSS system (.sav/.zsav)"
        case .spssPortable: return "SPSS portable (.por)"
        case .stata: return "Stata (.dta)"
        }
    }
}

/// Reads SPSS `.sav`/`.zsav`/`.por` and Stata `.dta` files through ReadStat (Debian
/// `libreadstat-dev`) into a `Table`.
///
/// - Numeric variables become numeric columns; they keep their codes, and their value labels go
///   to `Column.valueLabels` (see `Column.labelled()` for the "1 reads Very favorable" view).
/// - String variables become categorical columns (levels in first-seen order); an empty string is
///   missing, as in the CSV reader. Value labels on string variables are not kept.
/// - Missing: system missing, Stata's tagged missing (`.a`–`.z`) and SPSS user-defined missing
///   values and ranges all become missing (NaN / -1), as ReadStat's `readstat_value_is_missing`
///   defines them.
/// - Variable labels go to `Column.label`.
/// - Any ReadStat failure is a `DataError` naming the file, with ReadStat's message.
public struct StatFileReader: Sendable {
    public init() {}

    /// Reads `path`, which must be in `format` (`TableReader` detects it from the content).
    public func read(path: String, format: StatFileFormat) throws(DataError) -> Table {
        let context = StatParseContext()
        guard let parser = readstat_parser_init() else {
            throw DataError("could not start the ReadStat parser", file: path)
        }
        defer { readstat_parser_free(parser) }
        let input = UnsafeMutablePointer<StatFileInput>.allocate(capacity: 1)
        input.initialize(to: StatFileInput())
        defer {
            input.pointee.release()
            input.deinitialize(count: 1)
            input.deallocate()
        }
        StatFileInput.install(on: parser, input: input)
        readstat_set_metadata_handler(parser) { metadata, ctx in
            guard let ctx else { return 1 }
            StatParseContext.from(ctx).expectedRows = Int(readstat_get_row_count(metadata))
            return 0
        }
        readstat_set_variable_handler(parser) { index, variable, valueLabels, ctx in
            guard let ctx, let variable else { return 1 }
            StatParseContext.from(ctx).addVariable(index: Int(index), variable, labelSet: valueLabels.map { String(cString: $0) })
            return 0
        }
        readstat_set_value_handler(parser) { _, variable, value, ctx in
            guard let ctx, let variable else { return Int32(READSTAT_HANDLER_ABORT) }
            // No retain and release of the context per value (it outlives the parse).
            return Unmanaged<StatParseContext>.fromOpaque(ctx)._withUnsafeGuaranteedRef { $0.addValue(variable, value) }
                ? Int32(READSTAT_HANDLER_OK) : Int32(READSTAT_HANDLER_ABORT)
        }
        readstat_set_value_label_handler(parser) { set, value, label, ctx in
            guard let ctx, let set, let label else { return 0 }
            StatParseContext.from(ctx).addValueLabel(set: String(cString: set), value, String(cString: label))
            return 0
        }
        readstat_set_error_handler(parser) { message, ctx in
            guard let ctx, let message else { return }
            StatParseContext.from(ctx).messages.append(String(cString: message))
        }
        let ctx = Unmanaged.passUnretained(context).toOpaque()
        let status: readstat_error_t = withExtendedLifetime(context) {
            switch format {
            case .spss: return readstat_parse_sav(parser, path, ctx)
            case .spssPortable: return readstat_parse_por(parser, path, ctx)
            case .stata: return readstat_parse_dta(parser, path, ctx)
            }
        }
        if context.outOfMemory { throw DataError("not enough memory to hold the \(format.displayName) file's values", file: path) }
        guard status == READSTAT_OK else {
            var message = "cannot read \(format.displayName) file: " + String(cString: readstat_error_message(status))
            let details = context.messages.map { $0.whitespacesAndNewlinesTrimmed() }.filter { !$0.isEmpty }
            if !details.isEmpty { message += " (" + details.joined(separator: "; ") + ")" }
            throw DataError(message, file: path)
        }
        let table = try context.table(source: path)
        if format == .spss, table.rowCount == 0, Self.uncompressedWithoutCaseCount(path: path) {
            throw DataError("the file's header gives no case count (-1) and its data are uncompressed: the ReadStat "
                + "library reads no rows from such a file (haven reads none either), so none were read; re-save it "
                + "compressed (SPSS: SAVE OUTFILE ... /COMPRESSED; pyreadstat: compress=True) and read that", file: path)
        }
        return table
    }

    /// Whether an SPSS system file's header says "case count unknown" (-1, allowed by the format)
    /// with uncompressed data, which ReadStat 1.1.8 reads as no rows at all (bytes 64–83:
    /// layout code, nominal case size, compression, weight index, case count; the layout code,
    /// 2 or 3, tells the byte order).
    static func uncompressedWithoutCaseCount(path: String) -> Bool {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var header = [UInt8](repeating: 0, count: 84)
        let complete = header.withUnsafeMutableBytes { buffer in
            buffer.baseAddress.map { readFully(fd, into: $0, count: 84, at: 0) } ?? false
        }
        guard complete, header.starts(with: Array("$FL2".utf8)) else { return false }
        func int32(_ offset: Int, bigEndian: Bool) -> Int32 {
            let bytes = header[offset..<(offset + 4)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            return Int32(bitPattern: bigEndian ? bytes : bytes.byteSwapped)
        }
        let big = [2, 3].contains(int32(64, bigEndian: true))
        return int32(72, bigEndian: big) == 0 && int32(80, bigEndian: big) == -1
    }
}

/// Collects what ReadStat's callbacks report, variable by variable.
final class StatParseContext {
    struct Variable {
        var name: String
        var label: String?
        var isString: Bool
        var labelSet: String?
        /// The display format (`%td`, `DATE11`…), for dates (`StatDate`).
        var format: String?
        var codes: [Int32] = []
        var levels: [String: Int32] = [:]
        var levelNames: [String] = []
    }

    var variables: [Variable] = []
    var expectedRows = -1
    /// Most rows reserved per variable from the header's claim (64 Ki rows, 512 KiB a variable).
    static let reserveCap = 1 << 16
    var valueLabels: [String: [Double: String]] = [:]
    var messages: [String] = []
    /// Per variable index: where its numbers go as they arrive, so a value costs a store — not an
    /// append through an array of arrays, whose uniqueness and exclusivity checks were a fifth of
    /// a 1M-row `.sav` read. As many as `variables`; freed by `deinit`.
    @exclusivity(unchecked) private var sinks = UnsafeMutablePointer<NumberSink>.allocate(capacity: 0)
    @exclusivity(unchecked) private var sinkCount = 0
    /// A variable's numbers outgrew the memory (the parse was stopped).
    private(set) var outOfMemory = false

    deinit {
        for j in 0..<sinkCount { sinks[j].release() }
        sinks.deinitialize(count: sinkCount)
        sinks.deallocate()
    }

    static func from(_ pointer: UnsafeMutableRawPointer) -> StatParseContext {
        Unmanaged<StatParseContext>.fromOpaque(pointer).takeUnretainedValue()
    }

    func addVariable(index: Int, _ v: UnsafeMutablePointer<readstat_variable_t>, labelSet: String?) {
        let name = readstat_variable_get_name(v).map { String(cString: $0) } ?? "V\(index + 1)"
        let label = readstat_variable_get_label(v).map { String(cString: $0) }
        var variable = Variable(
            name: name, label: (label?.isEmpty ?? true) ? nil : label,
            isString: readstat_variable_get_type_class(v) == READSTAT_TYPE_CLASS_STRING,
            labelSet: labelSet, format: readstat_variable_get_format(v).map { String(cString: $0) })
        // The header's row count is untrusted (a 1 KB file may claim 2³¹ rows): it only pre-sizes,
        // up to `reserveCap` rows; columns grow as values actually arrive.
        let reserve = min(expectedRows, Self.reserveCap)
        if reserve > 0 && variable.isString { variable.codes.reserveCapacity(reserve) }
        while variables.count <= index { variables.append(Variable(name: "V\(variables.count + 1)", isString: false)) }
        variables[index] = variable
        growSinks(to: variables.count)
        sinks[index].isString = variable.isString
        sinks[index].hasMissingRanges = readstat_variable_get_missing_ranges_count(v) > 0
        if reserve > 0 && !variable.isString && !sinks[index].reserve(reserve) { outOfMemory = true }
    }

    /// One sink per variable (new ones empty).
    private func growSinks(to count: Int) {
        guard count > sinkCount else { return }
        let grown = UnsafeMutablePointer<NumberSink>.allocate(capacity: count)
        grown.moveInitialize(from: sinks, count: sinkCount)
        (grown + sinkCount).initialize(repeating: NumberSink(), count: count - sinkCount)
        sinks.deallocate()
        (sinks, sinkCount) = (grown, count)
    }

    /// Adds a value of variable `v`; false when its numbers no longer fit in memory.
    func addValue(_ v: UnsafeMutablePointer<readstat_variable_t>, _ value: readstat_value_t) -> Bool {
        let j = Int(readstat_variable_get_index(v))
        guard j >= 0 && j < sinkCount else { return true }
        // `readstat_value_is_missing`, by its definition (readstat.h): system or tagged missing, or
        // in one of the variable's missing ranges — asked of ReadStat only when there are some.
        let missing = sinks[j].hasMissingRanges ? readstat_value_is_missing(value, v) != 0
            : value.is_system_missing != 0 || value.is_tagged_missing != 0
        guard sinks[j].isString else {
            let x = missing ? .nan : value.type == READSTAT_TYPE_DOUBLE ? value.v.double_value : readstat_double_value(value)
            if sinks[j].append(x) { return true }
            outOfMemory = true
            return false
        }
        addText(j, missing ? "" : (readstat_string_value(value).map { String(cString: $0) } ?? ""))
        return true
    }

    /// Adds a string value of variable `j` (empty: missing) as its level's code.
    private func addText(_ j: Int, _ text: String) {
        if text.isEmpty {
            variables[j].codes.append(-1)
        } else if let code = variables[j].levels[text] {
            variables[j].codes.append(code)
        } else {
            let code = Int32(variables[j].levelNames.count)
            variables[j].levels[text] = code
            variables[j].levelNames.append(text)
            variables[j].codes.append(code)
        }
    }

    func addValueLabel(set: String, _ value: readstat_value_t, _ label: String) {
        guard readstat_value_type_class(value) == READSTAT_TYPE_CLASS_NUMERIC,
              readstat_value_is_tagged_missing(value) == 0, readstat_value_is_system_missing(value) == 0 else { return }
        valueLabels[set, default: [:]][readstat_double_value(value)] = label
    }

    func table(source: String) throws(DataError) -> Table {
        var columns: [Column] = []
        for (j, v) in variables.enumerated() {
            let numbers = v.isString ? [] : sinks[j].take()
            if v.isString {
                columns.append(Column(name: v.name, values: .categorical(codes: v.codes, levels: v.levelNames), label: v.label))
            } else if let kind = v.format.flatMap(StatDate.kind(format:)), (v.labelSet.flatMap { valueLabels[$0] } ?? [:]).isEmpty,
                      let dates = StatDate.textColumn(numbers, kind: kind) {
                // Dates as ISO text, as the Excel reader gives date cells.
                columns.append(Column(name: v.name, values: .categorical(codes: dates.codes, levels: dates.levels), label: v.label))
            } else {
                let labels = v.labelSet.flatMap { valueLabels[$0] } ?? [:]
                columns.append(Column(name: v.name, values: .numeric(numbers), label: v.label, valueLabels: labels))
            }
        }
        return try Table(columns: columns, source: source)
    }
}

/// The numbers of one variable as a parse reports them: a `malloc`ed buffer grown by `realloc`
/// (which moves a large block by remapping its pages, not by copying them), written with no
/// per-value checks; `take` hands them over as an array.
struct NumberSink {
    /// The variable holds strings (its values go elsewhere).
    var isString = false
    /// The variable declares missing values or ranges (SPSS user-defined missing).
    var hasMissingRanges = false
    private var base: UnsafeMutablePointer<Double>?
    private var count = 0
    private var capacity = 0

    /// Room for `rows` values in all; false when the memory is not there.
    mutating func reserve(_ rows: Int) -> Bool {
        guard rows > capacity else { return true }
        let (bytes, overflow) = rows.multipliedReportingOverflow(by: MemoryLayout<Double>.stride)
        guard !overflow, let grown = realloc(base, bytes) else { return false }
        (base, capacity) = (grown.assumingMemoryBound(to: Double.self), rows)
        return true
    }

    /// Appends `x`; false when the buffer could not grow.
    @inline(__always)
    mutating func append(_ x: Double) -> Bool {
        if count == capacity && !reserve(Swift.max(1024, capacity * 2)) { return false }
        base.unsafelyUnwrapped[count] = x
        count += 1
        return true
    }

    /// The values appended, as an array; the buffer is freed.
    mutating func take() -> [Double] {
        defer { release() }
        return Array(UnsafeBufferPointer(start: base, count: count))
    }

    /// Frees the buffer.
    mutating func release() {
        free(base)
        (base, count, capacity) = (nil, 0, 0)
    }
}
