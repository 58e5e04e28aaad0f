// The plain numeric cells of a record parsed in place: a portable scalar path and, on x86-64
// with AVX2, BMI2 and FMA, two SIMD ones. The block walk classifies 64 bytes at once (bit masks of
// delimiters, line feeds, digits, points and signs), checks every cell they hold with a few word
// operations, and converts each cell without further checks; the cell path (byte masks from one
// 16-byte load per cell) takes what the block walk leaves: the cells near the end of the
// readable bytes and the block holding a cell that is not a plain number. Both gather the digits
// right-aligned by one shuffle whose index comes from a table and convert them by multiply-adds
// (number.h).
#include "CCSVScan.h"
#include "block_walk.h"

/// One cell at `p` ending at the first `terminator` within 16 bytes (a CR before the LF allowed
/// when `last`): its length up to the terminator, or -1 when it is not a plain number.
static inline int scalar_cell(const uint8_t *p, uint8_t terminator, int last, double *value) {
    int length = 0;
    while (length < 16 && p[length] != terminator) length++;
    if (length == 16) return -1;
    int end = last && length > 0 && p[length - 1] == '\r' ? length - 1 : length;
    return ccsv_scalar_number(p, (unsigned)end, value) ? length : -1;
}

static int run_scalar(const uint8_t *data, size_t *pos, size_t scan_limit, uint8_t delimiter,
                      int column, int stop, int columns, double *const *outputs, size_t row) {
    size_t i = *pos;
    while (column < stop && i < scan_limit) {
        int last = column + 1 == columns;
        double v;
        int length = scalar_cell(data + i, last ? '\n' : delimiter, last, &v);
        if (length < 0) break;
        outputs[column][row] = v;
        i += (size_t)length + 1;
        column++;
    }
    *pos = i;
    return column;
}

#if defined(__x86_64__)
/// The length of the cell whose first 16 bytes are `v`: the index of its first `terminator`,
/// 16 when there is none among them.
__attribute__((target("avx2,bmi,bmi2,fma")))
static inline unsigned cell_length(__m128i v, char terminator) {
    unsigned terminators = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(terminator)));
    return _tzcnt_u32(terminators | 0x10000u);
}

/// The SIMD twin of `scalar_cell`: the cell at `p` from one 16-byte load, ending at the first
/// `terminator` (a CR before the LF allowed when `last`), checked and converted by
/// `ccsv_simd_number`: its length up to the terminator, or -1 when it is not a plain number.
__attribute__((target("avx2,bmi,bmi2,fma")))
static inline __attribute__((always_inline)) int simd_cell(const uint8_t *p, uint8_t terminator, int last,
                                                           double *value) {
    __m128i v = _mm_loadu_si128((const __m128i *)p);
    unsigned length = cell_length(v, (char)terminator);
    if (length > 15) return -1;
    unsigned end = last && length > 0 && p[length - 1] == '\r' ? length - 1 : length;
    return ccsv_simd_number(p, v, end, value) ? (int)length : -1;
}

/// The SIMD twin of `run_scalar` (same cells accepted, same values), a cell at a time. The
/// columns before the record's last are one tight loop (delimiter-terminated); the last column
/// (line feed, a CR before it allowed) is taken after it.
__attribute__((target("avx2,bmi,bmi2,fma")))
static int run_cells(const uint8_t *data, size_t *pos, size_t scan_limit, uint8_t delimiter,
                     int column, int stop, int columns, double *const *outputs, size_t row) {
    size_t i = *pos;
    // Columns column ..< inner are numeric and not the last.
    int inner = stop < columns ? stop : columns - 1;
    double value;
    while (column < inner && i < scan_limit) {
        int length = simd_cell(data + i, delimiter, 0, &value);
        if (length < 0) break;
        outputs[column][row] = value;
        i += (size_t)length + 1;
        column++;
    }
    if (column == columns - 1 && stop == columns && i < scan_limit) {
        int length = simd_cell(data + i, '\n', 1, &value);
        if (length >= 0) {
            outputs[column][row] = value;
            i += (size_t)length + 1;
            column++;
        }
    }
    *pos = i;
    return column;
}

/// `run_cells` for a run of one column that is not the record's last (a numeric column between
/// text ones): the same cell, without the loop's setup.
__attribute__((target("avx2,bmi,bmi2,fma")))
static int one_cell(const uint8_t *data, size_t *pos, size_t scan_limit, uint8_t delimiter, int column,
                    double *const *outputs, size_t row) {
    double value;
    int length = *pos < scan_limit ? simd_cell(data + *pos, delimiter, 0, &value) : -1;
    if (length < 0) return column;
    outputs[column][row] = value;
    *pos += (size_t)length + 1;
    return column + 1;
}
#endif

/// The paths (`ccsv_numeric_run_path`).
enum { PATH_SCALAR = 0, PATH_CELLS = 1, PATH_BLOCKS = 2, PATH_BLOCKS_ALONE = 3 };

/// The shortest run the block walk takes: on shorter runs its classification of a whole block
/// costs more than it saves. Measured on the 1 GB bench file (one thread, alternating runs): runs
/// of 1 and 9 columns per record lost 0.04 s to the block walk without this floor, nothing with it;
/// a file of 10 numeric columns reads 12% faster.
enum { BLOCK_RUN = 8 };

/// The best path this CPU runs.
static int best_path(void) {
#if defined(__x86_64__)
    if (ccsv_cpu_has_fast_blocks()) return PATH_BLOCKS;
    if (ccsv_cpu_has_simd()) return PATH_CELLS;
#endif
    return PATH_SCALAR;
}

/// -1: not decided yet; else the path `ccsv_numeric_run` takes.
static int chosen_path = -1;

int ccsv_simd_active(void) {
    int path = __atomic_load_n(&chosen_path, __ATOMIC_RELAXED);
    if (path < 0) {
        path = best_path();
        __atomic_store_n(&chosen_path, path, __ATOMIC_RELAXED);
    }
    return path != PATH_SCALAR;
}

void ccsv_set_simd(int enabled) { __atomic_store_n(&chosen_path, enabled ? best_path() : PATH_SCALAR, __ATOMIC_RELAXED); }

/// Runs `path` (one the CPU has); inlined, so `ccsv_numeric_run` calls the path itself.
static inline __attribute__((always_inline)) int run_path(int path, const uint8_t *data, size_t *pos, size_t readable, uint8_t delimiter,
                           int column, int stop, int columns, double *const *outputs, size_t row) {
    // The cell paths load 16 bytes from a cell's start.
    size_t scan_limit = readable > 16 ? readable - 16 : 0;
#if defined(__x86_64__)
    if ((path == PATH_BLOCKS && stop - column >= BLOCK_RUN) || path == PATH_BLOCKS_ALONE) {
        column = ccsv_block_walk(data, pos, readable, delimiter, column, stop, columns, outputs, row);
        if (column == stop || path == PATH_BLOCKS_ALONE) return column;
    }
    if (path != PATH_SCALAR) {
        if (stop == column + 1 && stop < columns)
            return one_cell(data, pos, scan_limit, delimiter, column, outputs, row);
        return run_cells(data, pos, scan_limit, delimiter, column, stop, columns, outputs, row);
    }
#endif
    return run_scalar(data, pos, scan_limit, delimiter, column, stop, columns, outputs, row);
}

/// The path chosen (deciding it on the first call).
static inline int current_path(void) {
    int path = __atomic_load_n(&chosen_path, __ATOMIC_RELAXED);
    if (__builtin_expect(path < 0, 0)) {
        ccsv_simd_active();
        path = __atomic_load_n(&chosen_path, __ATOMIC_RELAXED);
    }
    return path;
}

int ccsv_numeric_run(const uint8_t *data, size_t *pos, size_t readable, uint8_t delimiter,
                     int column, int stop, int columns, double *const *outputs, size_t row) {
    // Called twice a record or so: the path chosen once, no checks here.
    int path = current_path();
    return run_path(path, data, pos, readable, delimiter, column, stop, columns, outputs, row);
}

int ccsv_numeric_run_path(int path, const uint8_t *data, size_t *pos, size_t readable, uint8_t delimiter,
                          int column, int stop, int columns, double *const *outputs, size_t row) {
    int best = best_path();
    // A path this CPU lacks: the best one below it that it has (blocks alone: nothing).
    if (path == PATH_BLOCKS_ALONE && best != PATH_BLOCKS) return column;
    if (path > best && path != PATH_BLOCKS_ALONE) path = best;
    return run_path(path, data, pos, readable, delimiter, column, stop, columns, outputs, row);
}

size_t ccsv_numeric_records(const uint8_t *data, size_t *pos, size_t end, size_t readable, uint8_t delimiter,
                            int columns, double *const *outputs, size_t row, size_t rows, int *stopped) {
    *stopped = -1;
#if defined(__x86_64__)
    if (current_path() == PATH_BLOCKS && columns > 0 && row < rows)
        return ccsv_record_walk(data, pos, end, readable, delimiter, columns, outputs, row, rows, stopped);
#endif
    return 0;
}

size_t ccsv_mixed_records(const uint8_t *data, size_t *pos, size_t end, size_t readable, uint8_t delimiter,
                          int columns, void *const *outputs, const ccsv_levels *levels, size_t row, size_t rows,
                          int *stopped) {
    *stopped = -1;
#if defined(__x86_64__)
    if (current_path() == PATH_BLOCKS && columns > 0 && row < rows && levels && levels->columns == columns)
        return ccsv_mixed_record_walk(data, pos, end, readable, delimiter, columns, outputs, levels, row, rows, stopped);
#endif
    return 0;
}

int ccsv_numeric_records_active(void) {
    ccsv_simd_active();
    return __atomic_load_n(&chosen_path, __ATOMIC_RELAXED) == PATH_BLOCKS;
}
