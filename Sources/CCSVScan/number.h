// Plain numbers `[-+]digits[.digits]` of a known length converted exactly, for the numeric run
// (numeric_run.c): the portable conversion and, on x86-64, the SIMD one with its shuffle table
// (number_table.c). Private to the target.
#ifndef CCSVSCAN_NUMBER_H
#define CCSVSCAN_NUMBER_H

#include <stddef.h>
#include <stdint.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

/// Exact powers of ten (10^0 ... 10^15) for the one division of a fraction.
static const double ccsv_powers_of_ten[16] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
};

/// `magnitude` with the sign bit set when `negative` (so "-0" is -0.0, as the other paths give).
static inline double ccsv_with_sign(double magnitude, int negative) {
    union { double d; uint64_t u; } v = { magnitude };
    v.u |= (uint64_t)(negative != 0) << 63;
    return v.d;
}

/// The `length` bytes at `p` as a plain number (1-15 digits, at most one point, a leading sign
/// allowed): 1 with the correctly rounded value in `*value` (a significand below 2^53 divided once
/// by an exact power of ten), else 0.
static inline int ccsv_scalar_number(const uint8_t *p, unsigned length, double *value) {
    unsigned i = 0;
    int negative = 0;
    if (length > 0 && (p[0] == '-' || p[0] == '+')) { negative = p[0] == '-'; i = 1; }
    uint64_t mantissa = 0;
    int digits = 0, fraction = -1;
    for (; i < length; i++) {
        unsigned d = (unsigned)p[i] - '0';
        if (d < 10) { mantissa = mantissa * 10 + d; digits++; if (fraction >= 0) fraction++; }
        else if (p[i] == '.' && fraction < 0) fraction = 0;
        else return 0;
    }
    if (digits == 0 || digits > 15) return 0;
    double v = (double)(int64_t)mantissa;
    if (fraction > 0) v /= ccsv_powers_of_ten[fraction];
    *value = ccsv_with_sign(v, negative);
    return 1;
}

#if defined(__x86_64__)
/// What converts a cell of `length` bytes (0-15) with its point at byte `point` (16, or any byte
/// at or past `length`: none, the same entry as 16): `ccsv_conversions[length][point]`. One entry,
/// so the walk finds both with one address. A sign byte is gathered as a leading zero digit.
typedef struct {
    /// Shuffle indices that gather bytes `0 ..< length` but the point right-aligned into 16 lanes;
    /// lanes before them hold 0x80, which the shuffle zeroes.
    uint8_t gather[16];
    /// The power of ten that divides the joined digits (1 when there is no point).
    double scale;
    double unused;
} ccsv_conversion;

/// Filled once at load time (number_table.c).
extern ccsv_conversion ccsv_conversions[16][17];

/// Whether the CPU runs `ccsv_simd_number` (AVX2, BMI2 and FMA).
static inline int ccsv_cpu_has_simd(void) {
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi2") && __builtin_cpu_supports("fma");
}

/// Whether the block walk pays on this CPU: it needs `ccsv_cpu_has_simd`, and it uses `pdep` and
/// `pext`, which AMD processors before Zen 3 run in microcode (hundreds of cycles each).
static inline int ccsv_cpu_has_fast_blocks(void) {
    return ccsv_cpu_has_simd() && !__builtin_cpu_is("znver1") && !__builtin_cpu_is("znver2");
}

/// The plain number of `length` bytes (at most 15) whose first 16 bytes, less '0', are `t`: maybe a
/// sign byte first (negative when it is '-'), its point at byte `dot` (at or past `length`, up to
/// 16: none). The digits are gathered right-aligned by one shuffle from `ccsv_conversions`, joined
/// by multiply-adds and divided once by 10^fraction (by 1 when there is none: exact). No checks:
/// the callers have made them.
__attribute__((target("avx2,bmi,bmi2,fma")))
static inline double ccsv_simd_convert(__m128i t, unsigned length, unsigned dot) {
    const __m128i tens = _mm_setr_epi8(10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1);
    const __m128i hundreds = _mm_setr_epi16(100, 1, 100, 1, 100, 1, 100, 1);
    const __m128i ten_thousands = _mm_setr_epi16(10000, 1, 10000, 1, 10000, 1, 10000, 1);
    const ccsv_conversion *c = &ccsv_conversions[length][dot];
    // A sign byte less '0' is negative as a signed byte (so is the point's): the maximum with 0
    // makes it a zero digit, so no entry depends on the sign.
    __m128i d = _mm_shuffle_epi8(_mm_max_epi8(t, _mm_setzero_si128()), _mm_load_si128((const __m128i *)c->gather));
    __m128i pairs = _mm_maddubs_epi16(d, tens);            // 8 x (10 a + b)
    __m128i quads = _mm_madd_epi16(pairs, hundreds);       // 4 x 4-digit groups
    __m128i packed = _mm_packus_epi32(quads, quads);       // the groups as 16-bit lanes
    __m128i octs = _mm_madd_epi16(packed, ten_thousands);  // 2 x 8-digit groups
    // The two 8-digit groups as doubles (exact), joined by one fused multiply-add (exact: the
    // value is below 10^15 < 2^53), all in vector registers: no trip through general ones.
    __m128d groups = _mm_cvtepi32_pd(octs);
    __m128d joined = _mm_fmadd_sd(groups, _mm_set_sd(1e8), _mm_unpackhi_pd(groups, groups));
    __m128d magnitude = _mm_div_sd(joined, _mm_load_sd(&c->scale));
    // The sign bit: bit 0 of byte 0's compare with '-' (less '0') moved to bit 63.
    __m128d sign_bit = _mm_castsi128_pd(_mm_slli_epi64(_mm_cmpeq_epi8(t, _mm_set1_epi8((char)('-' - '0'))), 63));
    return _mm_cvtsd_f64(_mm_or_pd(magnitude, sign_bit));
}

/// `ccsv_scalar_number` for the cell of `length` bytes (at most 15) at `p` whose first 16 bytes
/// were loaded as `v`: byte masks of the digits and the point checked against the cell's span,
/// then `ccsv_simd_convert`. Kept short — a file has millions of these cells — so branches are
/// few: the checks are one test.
__attribute__((target("avx2,bmi,bmi2,fma")))
static inline int ccsv_simd_number(const uint8_t *p, __m128i v, unsigned length, double *value) {
    __m128i t = _mm_sub_epi8(v, _mm_set1_epi8('0'));
    unsigned digit = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8(9)), t));
    unsigned points = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('.')));
    unsigned first = p[0];
    unsigned sign = ((first - '+') & ~2u) == 0;            // '+' or '-'
    unsigned body = _bzhi_u32(~0u, length) & ~sign;        // bytes sign ..< length
    unsigned dots = points & body;
    // All digits but at most one point, and at least one digit.
    if ((((digit & body) | dots) ^ body) | (dots & (dots - 1)) | (dots == body)) return 0;
    unsigned dot = _tzcnt_u32(dots | 0x10000u);            // 16: no point
    *value = ccsv_simd_convert(t, length, dot);
    return 1;
}
#endif

#endif
