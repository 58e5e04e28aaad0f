// Numeric cells of a delimited file parsed with x86 SIMD where the CPU has it (issue 17 item 1).
#ifndef CCSVSCAN_H
#define CCSVSCAN_H

#include <stddef.h>
#include <stdint.h>

/// Parses the run of plain numeric cells `[-+]digits[.digits]` (1-15 digits, a cell and its
/// terminator within 16 bytes) that starts at `data[*pos]`, the cell of column `column` of a
/// record with `columns` columns, storing each value at `outputs[j][row]`. Stops before the first
/// cell that is not of that shape, is in a column with `is_text[j] != 0`, or starts at or past
/// `scan_limit` (at least 16 bytes from each cell's start must be readable), and after the last
/// column's line end (LF or CRLF). Values are correctly rounded (a significand below 2^53 divided
/// once by an exact power of ten). Returns the column reached (`columns` when the record ended)
/// and advances `*pos` past the cells parsed.
int ccsv_numeric_run(const uint8_t *data, size_t *pos, size_t scan_limit, uint8_t delimiter,
                     int column, int columns, const uint8_t *is_text, double *const *outputs,
                     size_t row);

/// `ccsv_numeric_run` on the SIMD path when `simd` is nonzero and the CPU has AVX2 and BMI2, else on the
/// portable scalar path (tests compare the two without touching the global choice).
int ccsv_numeric_run_path(int simd, const uint8_t *data, size_t *pos, size_t scan_limit,
                          uint8_t delimiter, int column, int columns, const uint8_t *is_text,
                          double *const *outputs, size_t row);

/// Whether the SIMD path is used (1) or the portable scalar one (0): the SIMD path when the CPU
/// has AVX2 unless `ccsv_set_simd(0)` turned it off (tests compare the two).
int ccsv_simd_active(void);

/// Turns the SIMD path off (0) or back on where the CPU has it (1), for tests.
void ccsv_set_simd(int enabled);

#endif
