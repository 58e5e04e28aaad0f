// The text levels a record walk knows (levels.c): per text column, a small hash table from a
// cell's raw bytes to the level code the Swift reader gave them. Private to the target.
#ifndef CCSVSCAN_LEVELS_H
#define CCSVSCAN_LEVELS_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

/// The longest cell a table holds (longer cells are always the caller's).
#define CCSV_LEVEL_BYTES 32
/// Slots per text column (a power of two) and the most probed for one cell.
#define CCSV_LEVEL_SLOTS 1024
#define CCSV_LEVEL_PROBES 8

/// One level: its raw bytes zero-padded, its length (0: an empty slot) and its code.
typedef struct {
    uint8_t key[CCSV_LEVEL_BYTES];
    uint32_t length;
    int32_t code;
    uint8_t padding[24];
} ccsv_level_slot;

typedef struct ccsv_levels ccsv_levels;

struct ccsv_levels {
    int columns;
    /// Per column: 1 where it holds text (`Int32` codes), else 0 (doubles).
    uint8_t *text;
    /// Per starting column c: bit r set where the r-th cell from a cell of column c is text.
    uint64_t *text_ranks;
    /// Per column: `CCSV_LEVEL_SLOTS` slots once a level of it is added, else NULL.
    ccsv_level_slot **slots;
};

/// The slot a cell of `length` bytes at `p` hashes to, from its first and last eight bytes
/// (`p` readable for 32 bytes, `length` 1-32): levels that share a prefix ("Somewhat agree",
/// "Somewhat disagree") differ in their length or last bytes.
static inline uint32_t ccsv_level_hash(const uint8_t *p, uint32_t length) {
    uint64_t first, last = 0;
    memcpy(&first, p, 8);
    if (length < 8) first &= (1ull << (8 * length)) - 1;
    else memcpy(&last, p + length - 8, 8);
    uint64_t h = (first ^ (last << 29 | last >> 35) ^ length) * 0x9E3779B97F4A7C15ull;
    return (uint32_t)(h >> 54);   // 10 bits: CCSV_LEVEL_SLOTS
}

#if defined(__x86_64__)
/// The code of the cell of `length` bytes at `p` in a column's table `slots` (`p` readable for 32
/// bytes), or -1 when the table (NULL: none yet) does not hold it.
__attribute__((target("avx2,bmi,bmi2")))
static inline int32_t ccsv_level_lookup(const ccsv_level_slot *slots, const uint8_t *p, uint32_t length) {
    if (!slots || length - 1 >= CCSV_LEVEL_BYTES) return -1;
    const __m256i lanes = _mm256_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
                                           16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31);
    __m256i keep = _mm256_cmpgt_epi8(_mm256_set1_epi8((char)length), lanes);
    __m256i cell = _mm256_and_si256(_mm256_loadu_si256((const __m256i *)p), keep);
    uint32_t s = ccsv_level_hash(p, length);
    for (int k = 0; k < CCSV_LEVEL_PROBES; k++) {
        const ccsv_level_slot *slot = &slots[(s + (uint32_t)k) & (CCSV_LEVEL_SLOTS - 1)];
        if (slot->length == 0) return -1;
        __m256i key = _mm256_load_si256((const __m256i *)slot->key);
        if (slot->length == length && (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(cell, key)) == 0xFFFFFFFFu)
            return slot->code;
    }
    return -1;
}
#endif

#endif
