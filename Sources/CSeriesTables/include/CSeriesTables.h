#ifndef CSERIESTABLES_H
#define CSERIESTABLES_H

#include <stdint.h>

/// A series file of `datasets/` split into fields at build time by scripts/embed-datasets
/// (series_tables.c, generated): constant arrays in the binary's read-only data, so the built-in
/// catalog reads its observations without parsing or decoding anything (issue 17 item 4).
/// What the fields mean is decided in Swift (`EmbeddedSeriesTable`).
typedef struct {
    /// Path under `datasets/`.
    const char *path;
    /// Per observation 14 values: indexes into the file's distinct field texts (a Swift array,
    /// `EmbeddedDatasets.seriesTexts`) of dataset, country, target, item, wave,
    /// date, measure, flags, source_id, mode, weight, group, group_level (-1: an empty mode or
    /// weight, unknown), then n (-1: unknown).
    const int32_t *rows;
    /// Per observation: estimate, se, ci_lower, ci_upper, deff times 10^6 (INT64_MIN: empty).
    const int64_t *numbers;
    long count;
    /// Per source, in first-appearance order: indexes of id, citation and url (-1: no url).
    const int32_t *sources;
    long source_count;
} cseries_table;

/// The number of tables.
long cseries_table_count(void);

/// Table `index` (0 ..< count).
const cseries_table *cseries_table_at(long index);

#endif
