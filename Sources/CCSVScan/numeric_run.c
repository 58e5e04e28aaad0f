// The plain numeric cells of a record parsed in place: a portable scalar path and, on x86-64
// with AVX2, a SIMD one (byte masks of the terminator, digits and point from one 16-byte load;
// the digits gathered right-aligned by one shuffle and converted by multiply-adds).
#include "CCSVScan.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

/// Exact powers of ten (10^0 ... 10^15) for the one division of a fraction.
static const double powers_of_ten[16] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
};

/// `magnitude` with the sign bit set when `negative` (so "-0" is -0.0, as the other paths give).
static inline double with_sign(double magnitude, int negative) {
    union { double d; uint64_t u; } v = { magnitude };
    v.u |= (uint64_t)(negative != 0) << 63;
    return v.d;
}

/// One cell at `p` ending at the first `terminator` within 16 bytes (a CR before the LF allowed
/// when `last`): its length up to the terminator, or -1 when it is not a plain number.
static inline int scalar_cell(const uint8_t *p, uint8_t terminator, int last, double *value) {
    int length = 0;
    while (length < 16 && p[length] != terminator) length++;
    if (length == 16) return -1;
    int end = last && length > 0 && p[length - 1] == '\r' ? length - 1 : length;
    int i = 0, negative = 0;
    if (end > 0 && (p[0] == '-' || p[0] == '+')) { negative = p[0] == '-'; i = 1; }
    uint64_t mantissa = 0;
    int digits = 0, fraction = -1;
    for (; i < end; i++) {
        unsigned d = (unsigned)p[i] - '0';
        if (d < 10) { mantissa = mantissa * 10 + d; digits++; if (fraction >= 0) fraction++; }
        else if (p[i] == '.' && fraction < 0) fraction = 0;
        else return -1;
    }
    if (digits == 0 || digits > 15) return -1;
    double v = (double)(int64_t)mantissa;
    if (fraction > 0) v /= powers_of_ten[fraction];
    *value = with_sign(v, negative);
    return length;
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
/// The SIMD twin of `run_scalar` (same cells accepted, same values).
__attribute__((target("avx2")))
static int run_simd(const uint8_t *data, size_t *pos, size_t scan_limit, uint8_t delimiter,
                    int column, int columns, const uint8_t *is_text, double *const *outputs,
                    size_t row) {
    const __m128i zeros = _mm_set1_epi8('0'), nine = _mm_set1_epi8(9), point = _mm_set1_epi8('.');
    const __m128i delimiters = _mm_set1_epi8((char)delimiter), lf = _mm_set1_epi8('\n');
    const __m128i lanes = _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    const __m128i tens = _mm_setr_epi8(10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1);
    const __m128i hundreds = _mm_setr_epi16(100, 1, 100, 1, 100, 1, 100, 1);
    const __m128i tenThousands = _mm_setr_epi16(10000, 1, 10000, 1, 10000, 1, 10000, 1);
    size_t i = *pos;
    while (column < columns && !is_text[column] && i < scan_limit) {
        const uint8_t *p = data + i;
        int last = column + 1 == columns;
        __m128i v = _mm_loadu_si128((const __m128i *)p);
        unsigned terminators = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, last ? lf : delimiters));
        if (terminators == 0) break;
        unsigned length = (unsigned)__builtin_ctz(terminators);
        unsigned end = last && length > 0 && p[length - 1] == '\r' ? length - 1 : length;
        unsigned s = p[0] == '-' || p[0] == '+';
        __m128i t = _mm_sub_epi8(v, zeros);
        unsigned digit = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(t, nine), t));
        unsigned points = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, point));
        // Bytes s ..< end: all digits but at most one point.
        unsigned body = ((1u << end) - 1) & ~((1u << s) - 1);
        unsigned dots = points & body;
        if (((digit & body) | dots) != body || (dots & (dots - 1)) != 0) break;
        int hasPoint = dots != 0;
        int count = (int)(end - s) - hasPoint;
        if (count <= 0 || count > 15) break;
        int fraction = hasPoint ? (int)end - __builtin_ctz(dots) - 1 : 0;
        // Lane k takes byte k + end - 16 (lanes before the fraction one byte earlier, skipping
        // the point); lanes before the first digit get index bit 7 set, so the shuffle zeroes them.
        __m128i index = _mm_add_epi8(lanes, _mm_set1_epi8((char)((int)end - 16)));
        index = _mm_sub_epi8(index, _mm_and_si128(_mm_cmpgt_epi8(_mm_set1_epi8((char)(16 - fraction)), lanes),
                                                  _mm_set1_epi8((char)hasPoint)));
        index = _mm_or_si128(index, _mm_cmpgt_epi8(_mm_set1_epi8((char)(16 - count)), lanes));
        __m128i d = _mm_shuffle_epi8(t, index);
        __m128i pairs = _mm_maddubs_epi16(d, tens);            // 8 x (10 a + b)
        __m128i quads = _mm_madd_epi16(pairs, hundreds);       // 4 x 4-digit groups
        __m128i packed = _mm_packus_epi32(quads, quads);       // the groups as 16-bit lanes
        __m128i octs = _mm_madd_epi16(packed, tenThousands);   // 2 x 8-digit groups
        uint64_t high = (uint32_t)_mm_cvtsi128_si32(octs), low = (uint32_t)_mm_extract_epi32(octs, 1);
        double value = (double)(int64_t)(high * 100000000u + low);
        if (fraction > 0) value /= powers_of_ten[fraction];
        outputs[column][row] = with_sign(value, p[0] == '-');
        i += length + 1;
        column++;
    }
    *pos = i;
    return column;
}
#endif

/// -1: not decided yet; 0: scalar; 1: SIMD.
static int simd_state = -1;

static int cpu_has_simd(void) {
#if defined(__x86_64__)
    return __builtin_cpu_supports("avx2") ? 1 : 0;
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
    return ccsv_numeric_run_path(ccsv_simd_active(), data, pos, scan_limit, delimiter, column,
                                 columns, is_text, outputs, row);
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
