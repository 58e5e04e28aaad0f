// The block walk of the numeric run (block_walk.c). Private to the target.
#ifndef CCSVSCAN_BLOCK_WALK_H
#define CCSVSCAN_BLOCK_WALK_H

#include "number.h"
#include "levels.h"

#if defined(__x86_64__)
/// The numeric cells of columns `column ..< stop` from `data[*pos]`, 64 bytes at a time, while
/// 80 bytes from the block's start are below `readable`; a block is taken whole or not at all
/// (it stops before a block holding any cell that is not a plain number of at most 15 bytes, or
/// a line feed before the record's last column, `columns - 1`). Values at `outputs[j][row]`, as
/// `ccsv_simd_number` gives them. Returns the column reached and advances `*pos` past its cells.
/// Needs `ccsv_cpu_has_simd`.
int ccsv_block_walk(const uint8_t *data, size_t *pos, size_t readable, uint8_t delimiter,
                    int column, int stop, int columns, double *const *outputs, size_t row);

/// Whole records of `columns` plain numeric cells from `data[*pos]` (a record's start), 64 bytes
/// at a time, each ending with a line feed (a CR before it allowed), for rows `row ..< rows`, none ending past
/// `end`: the block walk's checks, with the line feeds expected at every record's last column.
/// Values at `outputs[j][r]`. In a block that fails the checks, the cells ending before its
/// first failing byte are taken and the walk stops at the failing cell: `*pos` at its start and
/// `*stopped` its column (its record's earlier cells stored in row `row` + the records taken).
/// Stopped otherwise (rows, `end`, the readable bytes), `*pos` is past the records taken and
/// `*stopped` is -1. Returns the records taken. Needs `ccsv_cpu_has_simd`.
size_t ccsv_record_walk(const uint8_t *data, size_t *pos, size_t end, size_t readable, uint8_t delimiter,
                        int columns, double *const *outputs, size_t row, size_t rows, int *stopped);

/// `ccsv_record_walk` for a file with text columns (`levels->text`): their cells are looked up in
/// `levels` (codes at `((int32_t *)outputs[j])[r]`), and the walk stops at one it does not hold
/// as at a cell that is not a plain number. Values of the other columns at `((double *)outputs[j])[r]`.
size_t ccsv_mixed_record_walk(const uint8_t *data, size_t *pos, size_t end, size_t readable, uint8_t delimiter,
                              int columns, void *const *outputs, const ccsv_levels *levels, size_t row,
                              size_t rows, int *stopped);
#endif

#endif
