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

BLOCK_TARGET size_t ccsv_record_walk(const uint8_t *data, size_t *pos, size_t end, size_t readable, uint8_t delimiter,
                                     int columns, double *const *outputs, size_t row, size_t rows, int *stopped) {
    const __m256i zero = _mm256_set1_epi8('0'), nine = _mm256_set1_epi8(9);
    const __m256i delim = _mm256_set1_epi8((char)delimiter), lf = _mm256_set1_epi8('\n');
    const __m256i point = _mm256_set1_epi8('.'), minus = _mm256_set1_epi8('-'), plus = _mm256_set1_epi8('+');
    const __m256i cr = _mm256_set1_epi8('\r');
    // Bits at multiples of `columns`: shifted to the rank of the cell that ends the first record
    // in the block, the ranks (among the block's terminators) that must be line feeds.
    uint64_t period = 0;
    for (int r = 0; r < 64; r += columns) period |= 1ull << r;
    size_t i = *pos, first_row = row, committed = i, committed_row = row;
    int column = 0;
    // A cell starts at most 63 bytes into the block and its conversion loads 16 bytes; no record
    // is taken past `end`.
    while (row < rows && i + 80 <= readable && i < end) {
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
        // CRs right before a line feed (CRLF line ends): the end of a record's last cell, not in its value.
        uint64_t line_crs = join(_mm256_cmpeq_epi8(low, cr), _mm256_cmpeq_epi8(high, cr)) & line_feeds >> 1;
        // The block's cells: up to its n-th terminator, n at most the cells left in `rows`.
        size_t left = (rows - row) * (size_t)columns - (size_t)column;
        unsigned found = (unsigned)_mm_popcnt_u64(terminators);
        unsigned n = found < left ? found : (unsigned)left;
        uint64_t last = _pdep_u64(1ull << (n - 1), terminators);
        uint64_t region = last | (last - 1), ends = terminators & region;
        uint64_t starts = ((ends << 1) | 1) & region;
        // The checks of `ccsv_block_walk` (a CR allowed before a line feed); line feeds exactly at the terminators of each record's
        // last column (ranks columns - 1 - column, then every `columns`).
        uint64_t odd = region & ~(digits | points | ends | line_crs) & ~(signs & starts);
        uint64_t point_order = _pext_u64(points, (points | ends) & region);
        uint64_t digit_order = _pext_u64(ends, (digits | ends) & region) << 1 | 1;
        uint64_t long_cells = ~ends & region;
        long_cells &= long_cells >> 1;
        long_cells &= long_cells >> 2;
        long_cells &= long_cells >> 4;
        long_cells &= long_cells >> 8;
        unsigned shift = (unsigned)(columns - 1 - column);
        uint64_t ranks = shift < 64 ? (period << shift) & _bzhi_u64(~0ull, n) : 0;
        uint64_t record_ends = _pdep_u64(ranks, terminators);
        uint64_t line_ends = (ends & line_feeds) ^ record_ends;
        int cut = 0;
        if (odd | (point_order & point_order >> 1) | (digit_order & digit_order >> 1) | long_cells | line_ends) {
            // The first byte that fails a check, by position: an odd byte, the first of two
            // points in a cell, the terminator of an empty cell, the start of 16 bytes without a
            // terminator, a terminator of the wrong kind. Every cell ending before it is plain:
            // those are taken, then the walk stops.
            uint64_t bad = odd | long_cells | line_ends |
                           _pdep_u64(point_order & point_order >> 1, (points | ends) & region) |
                           _pdep_u64(digit_order & digit_order >> 1, (digits | ends) & region);
            n = (unsigned)_mm_popcnt_u64(ends & _bzhi_u64(~0ull, (unsigned)_tzcnt_u64(bad)));
            cut = 1;
        }
        unsigned s = 0;
        for (unsigned k = 0; k < n; k++) {
            // A cell holds a digit, so e >= 1; its CR (of a CRLF) is not in its length.
            unsigned e = (unsigned)_tzcnt_u64(ends), length = e - s - (unsigned)(line_crs >> (e - 1) & 1);
            ends = _blsr_u64(ends);
            unsigned sign = (unsigned)(signs >> s) & 1;
            unsigned dot = (unsigned)_tzcnt_u64(points >> s);       // at or past length: none
            const uint8_t *p = b + s;
            __m128i t = _mm_sub_epi8(_mm_loadu_si128((const __m128i *)p), _mm_set1_epi8('0'));
            outputs[column][row] = ccsv_simd_convert(t, length, dot < length ? dot : 16, sign);
            s = e + 1;
            if (++column == columns) {
                // No record is taken past `end` (none ends there: the bytes after it hold no line feed).
                if (i + s > end) goto done;
                column = 0;
                row++;
                committed = i + s;
                committed_row = row;
            }
        }
        if (cut) {
            // The failing cell is the caller's, from its start, unless it lies past `end`.
            if (i + s > end) break;
            *pos = i + s;
            *stopped = column;
            return row - first_row;
        }
        i += s;
    }
done:
    // A record cut short (by the rows, `end` or the readable bytes' end) is left whole to the caller.
    *pos = committed;
    *stopped = -1;
    return committed_row - first_row;
}
#endif
