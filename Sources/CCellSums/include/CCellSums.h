#ifndef CCELLSUMS_H
#define CCELLSUMS_H

#include <stdint.h>

/// The replicate cell sums of a streamed block (StreamingEstimator+Cells.swift): four unit-weight
/// columns over `n` rows, each row's four weights added to its cell's four sums. Cells are 32
/// bytes (four doubles, one a unit); `offsets[k]` is row k's cell as a byte offset into `sums`.
/// Rows go to four sets of sums by k mod 4, `set_bytes` apart, so neighbouring rows of one cell
/// never wait on each other. The same additions in the same order on every CPU: AVX2 four rows
/// at a time where the CPU has it, else one row at a time (no fused multiply-add either way).

/// Adds `x[0..3][k]` to the cell at `offsets[k]`; each unit's squares to `squares[0..3]`
/// (accumulated by row set, added in set order at the end); and, when `values` is not null,
/// `x[i][k] * values[k]` to the cell at `value_offsets[k]` of `value_sums`. `next` (or null): the
/// four columns the caller reads next, prefetched row by row alongside, so twice as many columns
/// stream from memory at once.
void ccell_add_first(const double *const *x, long n, const int32_t *offsets, double *sums, long set_bytes,
                     double *squares, const double *values, const int32_t *value_offsets, double *value_sums,
                     const double *const *next);

/// `ccell_add_first` for rows `from ..< to` of a block whose rows lie in several arrays: `x[i]`,
/// `values` and `next[i]` start at row `from` (`x[i][k - from]`), `offsets[k]` and
/// `value_offsets[k]` are indexed by the block's row k, whose set is still k mod 4. Each unit's
/// squares are added to `square_sets[4 i + s]` by row set s (in/out, zero at the block's start),
/// and folded into the unit's total by `ccell_fold_squares` once the block is done — so a block
/// added in parts gives the sums of the block added whole, bit for bit.
void ccell_add_first_rows(const double *const *x, long from, long to, const int32_t *offsets, double *sums,
                          long set_bytes, double *square_sets, const double *values, const int32_t *value_offsets,
                          double *value_sums, const double *const *next);

/// Adds each unit's squares by row set (`square_sets[4 i + s]`) to `squares[i]`, in set order.
void ccell_fold_squares(const double *square_sets, double *squares);

/// `ccell_add` for rows `from ..< to`, as `ccell_add_first_rows` takes them.
void ccell_add_rows(const double *const *x, long from, long to, const int32_t *offsets, double *sums, long set_bytes,
                    const double *const *next);

/// `ccell_add_scaled` for rows `from ..< to`, as `ccell_add_first_rows` takes them.
void ccell_add_scaled_rows(const double *const *x, const double *values, long from, long to, const int32_t *offsets,
                           double *sums, long set_bytes);

/// Adds `x[0..3][k]` to the cell at `offsets[k]`; `next` as for `ccell_add_first`.
void ccell_add(const double *const *x, long n, const int32_t *offsets, double *sums, long set_bytes,
               const double *const *next);

/// Adds `x[0..3][k] * values[k]` to the cell at `offsets[k]`.
void ccell_add_scaled(const double *const *x, const double *values, long n, const int32_t *offsets, double *sums,
                      long set_bytes);

/// Whether the AVX2 path is taken (1) or the one-row path (0); `ccell_use_avx2(0)` forces the
/// one-row path and `ccell_use_avx2(1)` restores the CPU's choice (tests compare the two).
int ccell_avx2_active(void);
void ccell_use_avx2(int allowed);

#endif
