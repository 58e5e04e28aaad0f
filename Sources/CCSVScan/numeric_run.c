// The plain numeric cells of a record parsed in place: a portable scalar path and, on x86-64
// with AVX2 and BMI2, a SIMD one (byte masks of the terminator, digits and point from one 16-byte
// load; the digits gathered right-aligned by one shuffle whose index comes from a table, and
// converted by multiply-adds: number.h).
#include "CCSVScan.h"
#include "number.h"

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
                      int column, int columns, const uint8_t *is_text, double *const *outputs,
                      size_t row) {
    size_t i = *pos;
    while (column < columns && !is_text[column] && i < scan_limit) {
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
__attribute__((target("avx2,bmi,bmi2")))
static inline unsigned cell_length(__m128i v, char terminator) {
    unsigned terminators = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(terminator)));
    return _tzcnt_u32(terminators | 0x10000u);
}

/// The SIMD twin of `run_scalar` (same cells accepted, same values): each cell's end found from
/// one 16-byte load at its start, its bytes checked and converted by `ccsv_simd_number`. The
/// columns before the record's last are one tight loop (delimiter-terminated); the last column
/// (line feed, a CR before it allowed) is taken after it.
__attribute__((target("avx2,bmi,bmi2")))
static int run_simd(const uint8_t *data, size_t *pos, size_t scan_limit, uint8_t delimiter,
                    int column, int columns, const uint8_t *is_text, double *const *outputs,
                    size_t row) {
    size_t i = *pos;
    // Columns column ..< inner are numeric and not the last.
    int inner = column;
    while (inner < columns - 1 && !is_text[inner]) inner++;
    while (column < inner && i < scan_limit) {
        const uint8_t *p = data + i;
        __m128i v = _mm_loadu_si128((const __m128i *)p);
        unsigned length = cell_length(v, (char)delimiter);
        double value;
        if (length > 15 || !ccsv_simd_number(p, v, length, &value)) break;
        outputs[column][row] = value;
        i += length + 1;
        column++;
    }
    if (column == columns - 1 && column == inner && !is_text[column] && i < scan_limit) {
        const uint8_t *p = data + i;
        __m128i v = _mm_loadu_si128((const __m128i *)p);
        unsigned length = cell_length(v, '\n');
        // A CR right before the line feed is not part of the cell.
        unsigned end = length > 0 && length <= 15 && p[length - 1] == '\r' ? length - 1 : length;
        double value;
        if (length <= 15 && ccsv_simd_number(p, v, end, &value)) {
            outputs[column][row] = value;
            i += length + 1;
            column++;
        }
    }
    *pos = i;
    return column;
}
#endif

/// -1: not decided yet; 0: scalar; 1: SIMD.
static int simd_state = -1;

static int cpu_has_simd(void) {
#if defined(__x86_64__)
    return ccsv_cpu_has_simd();
#else
    return 0;
#endif
}

int ccsv_simd_active(void) {
    int state = __atomic_load_n(&simd_state, __ATOMIC_RELAXED);
    if (state < 0) {
        state = cpu_has_simd();
        __atomic_store_n(&simd_state, state, __ATOMIC_RELAXED);
    }
    return state;
}

void ccsv_set_simd(int enabled) { __atomic_store_n(&simd_state, enabled ? cpu_has_simd() : 0, __ATOMIC_RELAXED); }

int ccsv_numeric_run(const uint8_t *data, size_t *pos, size_t scan_limit, uint8_t delimiter,
                     int column, int columns, const uint8_t *is_text, double *const *outputs,
                     size_t row) {
    // Called twice a record or so: the path chosen once, no checks here.
#if defined(__x86_64__)
    if (ccsv_simd_active())
        return run_simd(data, pos, scan_limit, delimiter, column, columns, is_text, outputs, row);
#endif
    return run_scalar(data, pos, scan_limit, delimiter, column, columns, is_text, outputs, row);
}

int ccsv_numeric_run_path(int simd, const uint8_t *data, size_t *pos, size_t scan_limit,
                          uint8_t delimiter, int column, int columns, const uint8_t *is_text,
                          double *const *outputs, size_t row) {
#if defined(__x86_64__)
    if (simd && cpu_has_simd())
        return run_simd(data, pos, scan_limit, delimiter, column, columns, is_text, outputs, row);
#endif
    return run_scalar(data, pos, scan_limit, delimiter, column, columns, is_text, outputs, row);
}
