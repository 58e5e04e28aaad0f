// The block walk of the numeric run (numeric_run.c): 64 bytes classified at once into bit masks,
// every cell they hold checked by a few word operations on the masks, and each cell converted
// without further checks (number.h). It breaks the per-cell chain of the cell path (find the
// terminator, check the bytes, then move on) and does the checks once a block, not once a cell.
#include "block_walk.h"

#if defined(__x86_64__)
#define BLOCK_TARGET __attribute__((target("avx2,bmi,bmi2,fma,popcnt")))

/// `x`, opaque to the optimizer, so a mask stays a 64-bit word in a general register (clang
/// otherwise rewrites mask words as vectors of bits, and each later bit operation as byte-wise
/// vector work: several times slower).
static inline uint64_t as_word(uint64_t x) {
    __asm__("" : "+r"(x));
    return x;
}

/// The 64-bit mask of two 32-byte compare results (bit k for byte k).
BLOCK_TARGET static inline uint64_t join(__m256i low, __m256i high) {
    uint64_t a = (uint32_t)_mm256_movemask_epi8(low), b = (uint32_t)_mm256_movemask_epi8(high);
    return as_word(a | b << 32);
}

BLOCK_TARGET int ccsv_block_walk(const uint8_t *data, size_t *pos, size_t readable, uint8_t delimiter,
                                 int column, int stop, int columns, double *const *outputs, size_t row) {
    const __m256i zero = _mm256_set1_epi8('0'), nine = _mm256_set1_epi8(9);
    const __m256i delim = _mm256_set1_epi8((char)delimiter), lf = _mm256_set1_epi8('\n');
    const __m256i point = _mm256_set1_epi8('.'), minus = _mm256_set1_epi8('-'), plus = _mm256_set1_epi8('+');
    size_t i = *pos;
    // A cell starts at most 63 bytes into the block and its conversion loads 16 bytes.
    while (column < stop && i + 80 <= readable) {
        const uint8_t *b = data + i;
        __m256i low = _mm256_loadu_si256((const __m256i *)b), high = _mm256_loadu_si256((const __m256i *)(b + 32));
        uint64_t line_feeds = join(_mm256_cmpeq_epi8(low, lf), _mm256_cmpeq_epi8(high, lf));
        uint64_t terminators = join(_mm256_cmpeq_epi8(low, delim), _mm256_cmpeq_epi8(high, delim)) | line_feeds;
        if (terminators == 0) break;
        uint64_t points = join(_mm256_cmpeq_epi8(low, point), _mm256_cmpeq_epi8(high, point));
        __m256i t_low = _mm256_sub_epi8(low, zero), t_high = _mm256_sub_epi8(high, zero);
        uint64_t digits = join(_mm256_cmpeq_epi8(_mm256_min_epu8(t_low, nine), t_low),
                               _mm256_cmpeq_epi8(_mm256_min_epu8(t_high, nine), t_high));
        uint64_t signs = join(_mm256_or_si256(_mm256_cmpeq_epi8(low, minus), _mm256_cmpeq_epi8(low, plus)),
                              _mm256_or_si256(_mm256_cmpeq_epi8(high, minus), _mm256_cmpeq_epi8(high, plus)));
        // The block's cells: up to its n-th terminator, n at most the columns left in the run.
        unsigned left = (unsigned)(stop - column), found = (unsigned)_mm_popcnt_u64(terminators);
        unsigned n = found < left ? found : left;
        uint64_t last = _pdep_u64(1ull << (n - 1), terminators);
        uint64_t region = last | (last - 1), ends = terminators & region;
        uint64_t starts = ((ends << 1) | 1) & region;
        // Every cell plain: only digits, points, a sign at its start and its terminator; at most
        // one point and at least one digit between terminators (the points, and the terminators,
        // in order: no two points adjacent; no two terminators adjacent, counting one before the
        // block); at most 15 bytes (no 16 non-terminators in a row); and a line feed only after
        // the record's last column.
        uint64_t odd = region & ~(digits | points | ends) & ~(signs & starts);
        uint64_t point_order = _pext_u64(points, (points | ends) & region);
        uint64_t digit_order = _pext_u64(ends, (digits | ends) & region) << 1 | 1;
        uint64_t long_cells = ~ends & region;
        long_cells &= long_cells >> 1;
        long_cells &= long_cells >> 2;
        long_cells &= long_cells >> 4;
        long_cells &= long_cells >> 8;
        uint64_t record_end = column + (int)n == columns ? last : 0;
        if (odd | (point_order & point_order >> 1) | (digit_order & digit_order >> 1) | long_cells |
            ((ends & line_feeds) ^ record_end))
            break;
        unsigned s = 0;
        for (unsigned k = 0; k < n; k++) {
            unsigned e = (unsigned)_tzcnt_u64(ends), length = e - s;
            ends = _blsr_u64(ends);
            unsigned sign = (unsigned)(signs >> s) & 1;
            unsigned dot = (unsigned)_tzcnt_u64(points >> s);       // at or past length: none
            const uint8_t *p = b + s;
            __m128i t = _mm_sub_epi8(_mm_loadu_si128((const __m128i *)p), _mm_set1_epi8('0'));
            outputs[column + (int)k][row] = ccsv_simd_convert(t, length, dot < length ? dot : 16, sign);
            s = e + 1;
        }
        column += (int)n;
        i += s;
    }
    *pos = i;
    return column;
}
#endif
