// Line feeds counted for the parallel reader's row offsets (ParallelCSV.countLineFeeds): 64 bytes
// a step with AVX2 where the SIMD paths are on, else eight bytes a step in a word (SWAR).
#include "CCSVScan.h"
#include "number.h"

/// Bit 7 of each byte of `word` set where that byte is a line feed, the other bits clear.
static inline uint64_t line_feed_flags(uint64_t word) {
    const uint64_t lows = 0x7F7F7F7F7F7F7F7Full;
    uint64_t x = word ^ 0x0A0A0A0A0A0A0A0Aull;
    return ~(((x & lows) + lows) | x | lows);
}

/// The portable count: a word of flags at a time, their set bits counted.
static size_t count_words(const uint8_t *data, size_t length) {
    size_t count = 0, k = 0;
    for (; k + 8 <= length; k += 8) {
        uint64_t word;
        __builtin_memcpy(&word, data + k, 8);
        count += (size_t)__builtin_popcountll(line_feed_flags(word));
    }
    for (; k < length; k++) count += data[k] == '\n';
    return count;
}

#if defined(__x86_64__)
/// The AVX2 count: each 32-byte compare adds -1 to a byte lane where it met a line feed; every
/// 255 steps at most (before a lane could wrap) the lanes are summed into 64-bit lanes by `psadbw`.
__attribute__((target("avx2")))
static size_t count_vectors(const uint8_t *data, size_t length) {
    const __m256i lf = _mm256_set1_epi8('\n'), zero = _mm256_setzero_si256();
    __m256i totals = zero;
    size_t k = 0;
    while (k + 64 <= length) {
        size_t steps = (length - k) / 64;
        if (steps > 127) steps = 127;   // two compares a step: at most 254 in a lane
        __m256i lanes = zero;
        for (size_t s = 0; s < steps; s++, k += 64) {
            __m256i a = _mm256_loadu_si256((const __m256i *)(data + k));
            __m256i b = _mm256_loadu_si256((const __m256i *)(data + k + 32));
            lanes = _mm256_sub_epi8(lanes, _mm256_cmpeq_epi8(a, lf));
            lanes = _mm256_sub_epi8(lanes, _mm256_cmpeq_epi8(b, lf));
        }
        totals = _mm256_add_epi64(totals, _mm256_sad_epu8(lanes, zero));
    }
    uint64_t sums[4];
    _mm256_storeu_si256((__m256i *)sums, totals);
    return (size_t)(sums[0] + sums[1] + sums[2] + sums[3]) + count_words(data + k, length - k);
}
#endif

size_t ccsv_count_line_feeds_path(int vectors, const uint8_t *data, size_t length) {
#if defined(__x86_64__)
    if (vectors && ccsv_cpu_has_simd()) return count_vectors(data, length);
#endif
    return count_words(data, length);
}

size_t ccsv_count_line_feeds(const uint8_t *data, size_t length) {
    // A SIMD path is used only where the CPU has AVX2.
    return ccsv_count_line_feeds_path(ccsv_simd_active(), data, length);
}
