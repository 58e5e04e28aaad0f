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

/// One 64-byte block as bit masks (bit k for byte k).
typedef struct {
    uint64_t line_feeds, terminators, points, digits, signs;
    /// CRs right before a line feed (CRLF line ends).
    uint64_t line_crs;
} block_masks;

BLOCK_TARGET static inline block_masks classify(const uint8_t *b, uint8_t delimiter) {
    const __m256i zero = _mm256_set1_epi8('0'), nine = _mm256_set1_epi8(9);
    const __m256i delim = _mm256_set1_epi8((char)delimiter), lf = _mm256_set1_epi8('\n'), cr = _mm256_set1_epi8('\r');
    const __m256i point = _mm256_set1_epi8('.'), minus = _mm256_set1_epi8('-'), plus = _mm256_set1_epi8('+');
    __m256i low = _mm256_loadu_si256((const __m256i *)b), high = _mm256_loadu_si256((const __m256i *)(b + 32));
    block_masks m;
    m.line_feeds = join(_mm256_cmpeq_epi8(low, lf), _mm256_cmpeq_epi8(high, lf));
    m.terminators = join(_mm256_cmpeq_epi8(low, delim), _mm256_cmpeq_epi8(high, delim)) | m.line_feeds;
    m.points = join(_mm256_cmpeq_epi8(low, point), _mm256_cmpeq_epi8(high, point));
    __m256i t_low = _mm256_sub_epi8(low, zero), t_high = _mm256_sub_epi8(high, zero);
    m.digits = join(_mm256_cmpeq_epi8(_mm256_min_epu8(t_low, nine), t_low),
                    _mm256_cmpeq_epi8(_mm256_min_epu8(t_high, nine), t_high));
    m.signs = join(_mm256_or_si256(_mm256_cmpeq_epi8(low, minus), _mm256_cmpeq_epi8(low, plus)),
                   _mm256_or_si256(_mm256_cmpeq_epi8(high, minus), _mm256_cmpeq_epi8(high, plus)));
    m.line_crs = join(_mm256_cmpeq_epi8(low, cr), _mm256_cmpeq_epi8(high, cr)) & m.line_feeds >> 1;
    return m;
}

/// The block's first n cells (up to its n-th terminator, `last`) and what fails the checks that make
/// every cell plain: only digits, points, a sign at its start and its terminator (`odd`: bytes,
/// by position; `allowed`: other bytes let through, a CRLF's CR); at most one point
/// (`point_pairs`: ranks among points and terminators, in order) and at least one digit
/// (`empty`: ranks among digits and terminators, counting a terminator before the block) between
/// terminators; at most 15 bytes (`long_cells`: no 16 non-terminators in a row, by position,
/// outside `unbounded`).
typedef struct { uint64_t last, region, ends, odd, point_pairs, empty, long_cells; } block_cells;

BLOCK_TARGET static inline block_cells check_cells(block_masks m, unsigned n, uint64_t allowed, uint64_t unbounded) {
    block_cells c;
    c.last = _pdep_u64(1ull << (n - 1), m.terminators);
    c.region = c.last | (c.last - 1);
    c.ends = m.terminators & c.region;
    uint64_t starts = ((c.ends << 1) | 1) & c.region;
    c.odd = c.region & ~(m.digits | m.points | c.ends | allowed) & ~(m.signs & starts);
    uint64_t point_order = _pext_u64(m.points, (m.points | c.ends) & c.region);
    c.point_pairs = point_order & point_order >> 1;
    uint64_t digit_order = _pext_u64(c.ends, (m.digits | c.ends) & c.region) << 1 | 1;
    c.empty = digit_order & digit_order >> 1;
    uint64_t long_cells = ~c.ends & c.region & ~unbounded;
    long_cells &= long_cells >> 1;
    long_cells &= long_cells >> 2;
    long_cells &= long_cells >> 4;
    long_cells &= long_cells >> 8;
    c.long_cells = long_cells;
    return c;
}

/// The plain cell of `length` bytes at `s` of block `b` (its point from the masks).
BLOCK_TARGET static inline double cell_value(const uint8_t *b, unsigned s, unsigned length, block_masks m) {
    // The point's byte, 16 when none comes within 16 bytes; one at or past `length` is another
    // cell's, and the tables read such a cell as one without a point.
    unsigned dot = (unsigned)_tzcnt_u64((m.points >> s) | (1ull << 16));
    __m128i t = _mm_sub_epi8(_mm_loadu_si128((const __m128i *)(b + s)), _mm_set1_epi8('0'));
    return ccsv_simd_convert(t, length, dot);
}

BLOCK_TARGET int ccsv_block_walk(const uint8_t *data, size_t *pos, size_t readable, uint8_t delimiter,
                                 int column, int stop, int columns, double *const *outputs, size_t row) {
    size_t i = *pos;
    // A cell starts at most 63 bytes into the block and its conversion loads 16 bytes.
    while (column < stop && i + 80 <= readable) {
        const uint8_t *b = data + i;
        block_masks m = classify(b, delimiter);
        if (m.terminators == 0) break;
        // The block's cells: up to its n-th terminator, n at most the columns left in the run.
        unsigned left = (unsigned)(stop - column), found = (unsigned)_mm_popcnt_u64(m.terminators);
        unsigned n = found < left ? found : left;
        block_cells c = check_cells(m, n, 0, 0);
        // Every cell plain, and a line feed only after the record's last column.
        uint64_t record_end = column + (int)n == columns ? c.last : 0;
        if (c.odd | c.point_pairs | c.empty | c.long_cells | ((c.ends & m.line_feeds) ^ record_end)) break;
        unsigned s = 0;
        uint64_t ends = c.ends;
        for (unsigned k = 0; k < n; k++) {
            unsigned e = (unsigned)_tzcnt_u64(ends);
            ends = _blsr_u64(ends);
            outputs[column + (int)k][row] = cell_value(b, s, e - s, m);
            s = e + 1;
        }
        column += (int)n;
        i += s;
    }
    *pos = i;
    return column;
}

/// The record walk of `ccsv_record_walk` and `ccsv_mixed_record_walk`: `with_text` (a constant
/// where it is inlined) adds the text columns of `levels`, whose cells are looked up, not checked.
/// `crlf` (a constant too) lets a CR before a line feed through and keeps it out of its cell; without
/// it — the LF variant, whose cells skip that step — the walk ends at the first block holding a
/// CRLF, before the record it is in, and sets `*saw_crlf`.
BLOCK_TARGET static inline __attribute__((always_inline)) size_t
walk_records(const uint8_t *data, size_t *pos, size_t end, size_t readable, uint8_t delimiter, int columns,
             void *const *outputs, size_t row, size_t rows, int *stopped, const ccsv_levels *levels, const int with_text,
             const int crlf, int *saw_crlf) {
    // Bits at multiples of `columns`: shifted to the rank of the cell that ends the first record
    // in the block, the ranks (among the block's terminators) that must be line feeds.
    uint64_t period = 0;
    for (int r = 0; r < 64; r += columns) period |= 1ull << r;
    size_t i = *pos, first_row = row, committed = i, committed_row = row;
    // Sizes, not ints: the column indexes `outputs` once a cell, with no sign extension.
    size_t column = 0;
    const size_t width = (size_t)columns;
    // A cell starts at most 63 bytes into the block; a number's conversion loads 16 bytes from
    // it, a text cell's lookup 32. No record is taken past `end`.
    const size_t reach = with_text ? 96 : 80;
    while (row < rows && i + reach <= readable && i < end) {
        const uint8_t *b = data + i;
        block_masks m = classify(b, delimiter);
        if (m.terminators == 0) break;
        if (!crlf && m.line_crs) {
            *saw_crlf = 1;
            break;
        }
        // The block's cells: up to its n-th terminator, n at most the cells left in `rows`.
        size_t left = (rows - row) * width - column;
        unsigned found = (unsigned)_mm_popcnt_u64(m.terminators);
        unsigned n = found < left ? found : (unsigned)left;
        // Text cells (ranks, then bytes from each one's start to its terminator) are exempt from
        // the numbers' checks: a text cell counts as holding a digit and may be of any length.
        uint64_t text_ranks = 0, text_bytes = 0;
        if (with_text) {
            text_ranks = levels->text_ranks[column] & _bzhi_u64(~0ull, n);
            uint64_t text_starts = _pdep_u64(text_ranks, m.terminators << 1 | 1);
            text_bytes = _pdep_u64(text_ranks, m.terminators) - text_starts;
            m.points &= ~text_bytes;
            m.digits |= text_starts;
        }
        // The checks of `ccsv_block_walk` (a CR allowed before a line feed); line feeds exactly at
        // the terminators of each record's last column (ranks columns - 1 - column, then every `columns`).
        block_cells c = check_cells(m, n, m.line_crs | text_bytes, text_bytes);
        unsigned shift = (unsigned)(columns - 1 - column);
        uint64_t ranks = shift < 64 ? (period << shift) & _bzhi_u64(~0ull, n) : 0;
        uint64_t line_ends = (c.ends & m.line_feeds) ^ _pdep_u64(ranks, m.terminators);
        int cut = 0;
        if (c.odd | c.point_pairs | c.empty | c.long_cells | line_ends) {
            // The first byte that fails a check, by position: an odd byte, the first of two
            // points in a cell, the terminator of an empty cell, the start of 16 bytes without a
            // terminator, a terminator of the wrong kind. Every cell ending before it is plain:
            // those are taken, then the walk stops.
            uint64_t bad = c.odd | c.long_cells | line_ends | _pdep_u64(c.point_pairs, (m.points | c.ends) & c.region) |
                           _pdep_u64(c.empty, (m.digits | c.ends) & c.region);
            n = (unsigned)_mm_popcnt_u64(c.ends & _bzhi_u64(~0ull, (unsigned)_tzcnt_u64(bad)));
            cut = 1;
        }
        unsigned s = 0;
        uint64_t ends = c.ends;
        // The line feeds right after a CR (CRLF), by position: a cell ending at one has the CR
        // outside its length.
        const uint64_t crlf_ends = crlf ? m.line_crs << 1 : 0;   // 0 in the LF variant
        for (unsigned k = 0; k < n; k++) {
            unsigned e = (unsigned)_tzcnt_u64(ends);
            ends = _blsr_u64(ends);
            unsigned length = e - s - (unsigned)(crlf_ends >> e & 1);
            if (with_text && (text_ranks >> k & 1)) {
                // A level the Swift reader has met (raw bytes, quotes included); any other cell
                // (new, missing, quoted across a delimiter or line end, long) is the caller's.
                int32_t code = ccsv_level_lookup(levels->slots[column], b + s, length);
                if (code < 0) {
                    cut = 1;
                    break;
                }
                ((int32_t *)outputs[column])[row] = code;
            } else {
                ((double *)outputs[column])[row] = cell_value(b, s, length, m);
            }
            s = e + 1;
            if (++column == width) {
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
            *stopped = (int)column;
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

/// The LF variant of the walk, then — from the record where it met a CRLF — the CRLF one.
BLOCK_TARGET static inline __attribute__((always_inline)) size_t
walk_line_ends(const uint8_t *data, size_t *pos, size_t end, size_t readable, uint8_t delimiter, int columns,
               void *const *outputs, size_t row, size_t rows, int *stopped, const ccsv_levels *levels,
               const int with_text) {
    int saw_crlf = 0;
    size_t taken = walk_records(data, pos, end, readable, delimiter, columns, outputs, row, rows, stopped, levels,
                                with_text, 0, &saw_crlf);
    if (!saw_crlf) return taken;
    return taken + walk_records(data, pos, end, readable, delimiter, columns, outputs, row + taken, rows, stopped,
                                levels, with_text, 1, &saw_crlf);
}

BLOCK_TARGET size_t ccsv_record_walk(const uint8_t *data, size_t *pos, size_t end, size_t readable, uint8_t delimiter,
                                     int columns, double *const *outputs, size_t row, size_t rows, int *stopped) {
    return walk_line_ends(data, pos, end, readable, delimiter, columns, (void *const *)outputs, row, rows, stopped,
                          NULL, 0);
}

BLOCK_TARGET size_t ccsv_mixed_record_walk(const uint8_t *data, size_t *pos, size_t end, size_t readable,
                                           uint8_t delimiter, int columns, void *const *outputs,
                                           const ccsv_levels *levels, size_t row, size_t rows, int *stopped) {
    return walk_line_ends(data, pos, end, readable, delimiter, columns, outputs, row, rows, stopped, levels, 1);
}
#endif
