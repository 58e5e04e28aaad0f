// Numeric cells of a delimited file parsed with x86 SIMD where the CPU has it (issue 17 item 1).
#ifndef CCSVSCAN_H
#define CCSVSCAN_H

#include <stddef.h>
#include <stdint.h>

/// Parses the run of plain numeric cells `[-+]digits[.digits]` (1-15 digits, a cell and its
/// terminator within 16 bytes) that starts at `data[*pos]`, the cell of column `column` of a
/// record with `columns` columns, storing each value at `outputs[j][row]`. Stops before column
/// `stop` (the first text column after `column`, or `columns`), before the first cell that is not
/// of that shape, before a cell less than 16 bytes from `readable` (the end of the readable
/// bytes), and after the last column's line end (LF or CRLF). Values are correctly rounded (a
/// significand below 2^53 divided once by an exact power of ten). Returns the column reached
/// (`columns` when the record ended) and advances `*pos` past the cells parsed.
int ccsv_numeric_run(const uint8_t *data, size_t *pos, size_t readable, uint8_t delimiter,
                     int column, int stop, int columns, double *const *outputs, size_t row);

/// `ccsv_numeric_run` on one path, for tests (without touching the global choice): 0 scalar;
/// 1 SIMD, a cell at a time; 2 SIMD blocks of 64 bytes for runs of 8 columns or more, then cells
/// for what they leave (what `ccsv_numeric_run` runs on a CPU with AVX2, BMI2, FMA and fast `pdep`);
/// 3 the blocks alone, whatever the run's length, which take a block whole or not at all. A path the CPU lacks runs the best one below it that it has
/// (path 3: none, and nothing is parsed).
int ccsv_numeric_run_path(int path, const uint8_t *data, size_t *pos, size_t readable, uint8_t delimiter,
                          int column, int stop, int columns, double *const *outputs, size_t row);

/// Whole records of a file whose `columns` columns are all numeric, from `data[*pos]` (a record's
/// start): records of plain numeric cells (as `ccsv_numeric_run` takes them) ending with LF or
/// CRLF, for rows `row ..< rows`, none ending past `end`, 64 bytes at a time across record ends.
/// Returns the records taken (0 where the CPU lacks the block walk or SIMD is off). At the first
/// other cell (text, a missing cell, a blank line, a lone CR…) it stops with `*pos` at that cell and
/// `*stopped` its column, the cells before it in its record stored: the caller parses that cell
/// and the rest of the record. Stopped for another reason (the rows, `end`, the readable bytes),
/// `*pos` is past the records taken and `*stopped` is -1.
size_t ccsv_numeric_records(const uint8_t *data, size_t *pos, size_t end, size_t readable, uint8_t delimiter,
                            int columns, double *const *outputs, size_t row, size_t rows, int *stopped);

/// The levels of a file's text columns that `ccsv_mixed_records` can take: per text column, a
/// table from a cell's raw bytes (quotes included) to the code the caller gave them.
typedef struct ccsv_levels ccsv_levels;

/// Empty tables for the columns where `text[j]` is nonzero (of `columns`); NULL if out of memory.
ccsv_levels *ccsv_levels_create(int columns, const uint8_t *text);

/// Frees `levels` (NULL: nothing).
void ccsv_levels_destroy(ccsv_levels *levels);

/// Records that the cell of `length` raw bytes at `bytes` in text column `column` has level
/// `code` (ignored for cells over 32 bytes, empty cells, negative codes and a full table).
void ccsv_levels_add(ccsv_levels *levels, int column, const uint8_t *bytes, size_t length, int32_t code);

/// `ccsv_numeric_records` for a file whose columns are numeric or text (`levels`): a text cell
/// whose raw bytes `levels` holds is stored as its code at `((int32_t *)outputs[j])[r]`; the walk
/// stops at any other text cell (a new level, a missing or long one, a quoted one holding a
/// delimiter or a line break) as at a cell that is not a plain number. Numbers at
/// `((double *)outputs[j])[r]`.
size_t ccsv_mixed_records(const uint8_t *data, size_t *pos, size_t end, size_t readable, uint8_t delimiter,
                          int columns, void *const *outputs, const ccsv_levels *levels, size_t row, size_t rows,
                          int *stopped);

/// Whether `ccsv_numeric_records` takes records on this CPU (the block walk, SIMD on).
int ccsv_numeric_records_active(void);

/// The line feeds among the `length` bytes at `data`: 64 bytes a step with AVX2 where a SIMD path
/// is used (`ccsv_simd_active`), else eight bytes a step.
size_t ccsv_count_line_feeds(const uint8_t *data, size_t length);

/// `ccsv_count_line_feeds` on one path, for tests (without touching the global choice): 1 the
/// AVX2 count (the word count where the CPU lacks AVX2), 0 the word count.
size_t ccsv_count_line_feeds_path(int vectors, const uint8_t *data, size_t length);

/// Whether a SIMD path is used (1) or the portable scalar one (0): SIMD when the CPU has AVX2, FMA and
/// BMI2 unless `ccsv_set_simd(0)` turned it off (tests compare the two).
int ccsv_simd_active(void);

/// Turns the SIMD paths off (0) or back on where the CPU has them (1), for tests.
void ccsv_set_simd(int enabled);

#endif
