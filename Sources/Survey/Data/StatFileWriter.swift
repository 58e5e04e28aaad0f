import CReadStat
#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Writes a `Table` as an SPSS `.sav` or Stata `.dta` file through ReadStat's writer, so a
/// calibrated file goes back to the package it came from: numeric columns as doubles with their
/// variable labels and value labels, categorical columns as strings (width = longest level),
/// missing values as system missing. Names the format does not accept (Stata: letters, digits and
/// `_`, at most 32 characters) are errors naming the column, never silently renamed.
public enum StatFileWriter {
    /// The file's bytes; `name` stands in for the output path in errors.
    public static func data(_ table: Table, format: StatFileFormat, name: String) throws(DataError) -> Data {
        guard format == .spss || format == .stata else {
            throw DataError("writing \(format) files is not supported; write .sav or .dta", file: name)
        }
        guard let writer = readstat_writer_init() else { throw DataError("could not start the ReadStat writer", file: name) }
        defer { readstat_writer_free(writer) }
        let sink = WriteSink()
        let context = Unmanaged.passUnretained(sink).toOpaque()
        readstat_set_data_writer(writer) { bytes, length, ctx in
            guard let ctx, let bytes else { return -1 }
            Unmanaged<WriteSink>.fromOpaque(ctx).takeUnretainedValue().bytes
                .append(contentsOf: UnsafeRawBufferPointer(start: bytes, count: length))
            return length
        }
        var variables: [OpaquePointer?] = []
        for (j, column) in table.columns.enumerated() {
            let variable: UnsafeMutablePointer<readstat_variable_t>?
            switch column.values {
            case .numeric:
                variable = readstat_add_variable(writer, column.name, READSTAT_TYPE_DOUBLE, 0)
                if !column.valueLabels.isEmpty, let variable {
                    try attachLabels(column, to: variable, set: j, writer: writer, format: format, name: name)
                }
            case .categorical(_, let levels):
                let width = max(1, levels.map(\.utf8.count).max() ?? 1)
                variable = readstat_add_variable(writer, column.name, READSTAT_TYPE_STRING, width)
            }
            guard let variable else { throw DataError("ReadStat refused column '\(column.name)'", file: name) }
            if let label = column.label { readstat_variable_set_label(variable, label) }
            variables.append(OpaquePointer(variable))
        }
        let rows = table.rowCount
        try check(format == .spss ? readstat_begin_writing_sav(writer, context, rows) : readstat_begin_writing_dta(writer, context, rows),
                  name: name, what: "start the file")
        try check(readstat_validate_metadata(writer), name: name, what: "write the file's metadata")
        for (j, v) in variables.enumerated() {
            try check(readstat_validate_variable(writer, UnsafePointer(v)), name: name,
                      what: "write column '\(table.columns[j].name)' as \(format == .spss ? "SPSS" : "Stata")")
        }
        for i in 0..<rows {
            try check(readstat_begin_row(writer), name: name, what: "write row \(i + 1)")
            for (j, column) in table.columns.enumerated() {
                let v = UnsafePointer<readstat_variable_t>(variables[j])
                let status: readstat_error_t
                switch column.values {
                case .numeric(let x):
                    status = x[i].isNaN ? readstat_insert_missing_value(writer, v) : readstat_insert_double_value(writer, v, x[i])
                case .categorical(let codes, let levels):
                    status = codes[i] < 0 ? readstat_insert_missing_value(writer, v)
                        : readstat_insert_string_value(writer, v, levels[Int(codes[i])])
                }
                try check(status, name: name, what: "write row \(i + 1), column '\(column.name)'")
            }
            try check(readstat_end_row(writer), name: name, what: "write row \(i + 1)")
        }
        try check(readstat_end_writing(writer), name: name, what: "finish the file")
        return Data(sink.bytes)
    }

    /// A value-label set for `column`: doubles for SPSS; 32-bit integers for Stata (its labels
    /// attach to integers only — a non-integer labelled value is an error).
    static func attachLabels(
        _ column: Column, to variable: UnsafeMutablePointer<readstat_variable_t>, set j: Int,
        writer: UnsafeMutablePointer<readstat_writer_t>, format: StatFileFormat, name: String
    ) throws(DataError) {
        let labels = column.valueLabels.sorted { $0.key < $1.key }
        let type = format == .spss ? READSTAT_TYPE_DOUBLE : READSTAT_TYPE_INT32
        guard let set = readstat_add_label_set(writer, type, "labels\(j)") else {
            throw DataError("ReadStat refused the value labels of column '\(column.name)'", file: name)
        }
        for (value, text) in labels {
            if format == .spss {
                readstat_label_double_value(set, value, text)
            } else {
                guard value == value.rounded(), abs(value) < 2_147_483_000 else {
                    throw DataError("column '\(column.name)' labels the value \(value); Stata labels only integers", file: name)
                }
                readstat_label_int32_value(set, Int32(value), text)
            }
        }
        readstat_variable_set_label_set(variable, set)
    }

    static func check(_ status: readstat_error_t, name: String, what: String) throws(DataError) {
        guard status != READSTAT_OK else { return }
        throw DataError("cannot \(what): \(String(cString: readstat_error_message(status)))", file: name)
    }
}

/// The bytes ReadStat hands to its data writer.
private final class WriteSink {
    var bytes: [UInt8] = []
}
