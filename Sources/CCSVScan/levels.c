// The text levels of a record walk (levels.h): made once per chunk, filled by the Swift reader
// with each level it interns, read by the walk for every text cell.
#include <stdlib.h>
#include "CCSVScan.h"
#include "levels.h"

ccsv_levels *ccsv_levels_create(int columns, const uint8_t *text) {
    ccsv_levels *levels = calloc(1, sizeof *levels);
    if (!levels) return NULL;
    levels->columns = columns;
    levels->text = calloc((size_t)columns, 1);
    levels->text_ranks = calloc((size_t)columns, sizeof(uint64_t));
    levels->slots = calloc((size_t)columns, sizeof(ccsv_level_slot *));
    if (!levels->text || !levels->text_ranks || !levels->slots) { ccsv_levels_destroy(levels); return NULL; }
    // A column's table (64 KB) is made when its first level is added.
    for (int j = 0; j < columns; j++) levels->text[j] = text[j] != 0;
    for (int c = 0; c < columns; c++)
        for (int r = 0; r < 64; r++)
            if (levels->text[(c + r) % columns]) levels->text_ranks[c] |= 1ull << r;
    return levels;
}

void ccsv_levels_destroy(ccsv_levels *levels) {
    if (!levels) return;
    if (levels->slots)
        for (int j = 0; j < levels->columns; j++) free(levels->slots[j]);
    free(levels->slots);
    free(levels->text_ranks);
    free(levels->text);
    free(levels);
}

void ccsv_levels_add(ccsv_levels *levels, int column, const uint8_t *bytes, size_t length, int32_t code) {
    if (!levels || column < 0 || column >= levels->columns || !levels->text[column]) return;
    if (length == 0 || length > CCSV_LEVEL_BYTES || code < 0) return;
    if (!levels->slots[column]) {
        ccsv_level_slot *slots = aligned_alloc(64, CCSV_LEVEL_SLOTS * sizeof(ccsv_level_slot));
        if (!slots) return;   // out of memory: the column's cells stay the caller's
        memset(slots, 0, CCSV_LEVEL_SLOTS * sizeof(ccsv_level_slot));
        levels->slots[column] = slots;
    }
    uint8_t padded[CCSV_LEVEL_BYTES] = {0};
    memcpy(padded, bytes, length);
    uint32_t s = ccsv_level_hash(padded, (uint32_t)length);
    for (int k = 0; k < CCSV_LEVEL_PROBES; k++) {
        ccsv_level_slot *slot = &levels->slots[column][(s + (uint32_t)k) & (CCSV_LEVEL_SLOTS - 1)];
        if (slot->length == length && memcmp(slot->key, padded, CCSV_LEVEL_BYTES) == 0) return;
        if (slot->length != 0) continue;
        memcpy(slot->key, padded, CCSV_LEVEL_BYTES);
        slot->code = code;
        slot->length = (uint32_t)length;
        return;
    }
    // Eight slots taken: the cell stays the caller's every time (correct, only slower).
}
