#include "CCellSums.h"

// Every product is rounded before it is added, on every path (no fused multiply-add).
#pragma clang fp contract(off)
#pragma STDC FP_CONTRACT OFF

#include <stdatomic.h>

#if defined(__x86_64__)
#include <immintrin.h>
#define HAVE_X86 1
#endif

// Scalar path: row k of unit i adds to set (k mod 4); squares kept per unit and set.

static inline void add_row(double *sums, long at, long set_bytes, long k, double a0, double a1, double a2, double a3) {
    double *cell = (double *)((char *)sums + (k & 3) * set_bytes + at);
    cell[0] += a0;
    cell[1] += a1;
    cell[2] += a2;
    cell[3] += a3;
}

// Rows k in [from, to) of block rows; x[i] and values start at row `base` (x[i][k - base]).
static void first_scalar(const double *const *x, long base, long from, long to, const int32_t *offsets, double *sums,
                         long set_bytes, double q[4][4], const double *values, const int32_t *value_offsets,
                         double *value_sums) {
    const double *x0 = x[0], *x1 = x[1], *x2 = x[2], *x3 = x[3];
    for (long k = from; k < to; k++) {
        const long i = k - base;
        double a0 = x0[i], a1 = x1[i], a2 = x2[i], a3 = x3[i];
        add_row(sums, offsets[k], set_bytes, k, a0, a1, a2, a3);
        long s = k & 3;
        double p0 = a0 * a0, p1 = a1 * a1, p2 = a2 * a2, p3 = a3 * a3;
        q[0][s] += p0;
        q[1][s] += p1;
        q[2][s] += p2;
        q[3][s] += p3;
        if (values) {
            double m = values[i];
            add_row(value_sums, value_offsets[k], set_bytes, k, a0 * m, a1 * m, a2 * m, a3 * m);
        }
    }
}

static void add_scalar(const double *const *x, long base, long from, long to, const int32_t *offsets, double *sums,
                       long set_bytes) {
    const double *x0 = x[0], *x1 = x[1], *x2 = x[2], *x3 = x[3];
    for (long k = from; k < to; k++) add_row(sums, offsets[k], set_bytes, k, x0[k - base], x1[k - base], x2[k - base], x3[k - base]);
}

static void scaled_scalar(const double *const *x, const double *values, long base, long from, long to,
                          const int32_t *offsets, double *sums, long set_bytes) {
    const double *x0 = x[0], *x1 = x[1], *x2 = x[2], *x3 = x[3];
    for (long k = from; k < to; k++) {
        const long i = k - base;
        double m = values[i];
        add_row(sums, offsets[k], set_bytes, k, x0[i] * m, x1[i] * m, x2[i] * m, x3[i] * m);
    }
}

#ifdef HAVE_X86
#define AVX2 __attribute__((target("avx2")))

AVX2 static inline void add4(double *sums, long at, __m256d a) {
    double *cell = (double *)((char *)sums + at);
    _mm256_storeu_pd(cell, _mm256_add_pd(_mm256_loadu_pd(cell), a));
}

/// Rows k..k+3 of four columns (a0..a3, one column each) as four rows of four units.
AVX2 static inline void transpose(__m256d a0, __m256d a1, __m256d a2, __m256d a3, __m256d r[4]) {
    __m256d t0 = _mm256_unpacklo_pd(a0, a1), t1 = _mm256_unpackhi_pd(a0, a1);
    __m256d t2 = _mm256_unpacklo_pd(a2, a3), t3 = _mm256_unpackhi_pd(a2, a3);
    r[0] = _mm256_permute2f128_pd(t0, t2, 0x20);
    r[1] = _mm256_permute2f128_pd(t1, t3, 0x20);
    r[2] = _mm256_permute2f128_pd(t0, t2, 0x31);
    r[3] = _mm256_permute2f128_pd(t1, t3, 0x31);
}

AVX2 static inline void add_rows4(double *sums, const int32_t *offsets, long k, long set_bytes, const __m256d r[4]) {
    add4(sums, offsets[k], r[0]);
    add4(sums, set_bytes + offsets[k + 1], r[1]);
    add4(sums, 2 * set_bytes + offsets[k + 2], r[2]);
    add4(sums, 3 * set_bytes + offsets[k + 3], r[3]);
}

/// The next four columns' line of rows k..k+7 (eight doubles), into L2, every other step of four rows.
AVX2 static inline void prefetch_next(const double *const *next, long k, long base) {
    if (next && (k & 4) == 0) {
        _mm_prefetch((const char *)(next[0] + (k - base)), _MM_HINT_T1);
        _mm_prefetch((const char *)(next[1] + (k - base)), _MM_HINT_T1);
        _mm_prefetch((const char *)(next[2] + (k - base)), _MM_HINT_T1);
        _mm_prefetch((const char *)(next[3] + (k - base)), _MM_HINT_T1);
    }
}

// The AVX2 loops take rows k = from, from + 4, … (from ≡ 0 mod 4) while k + 4 ≤ to, and return
// the first row not taken; x[i] (and values) start at row `base`.
AVX2 static long first_avx2(const double *const *x, long base, long from, long to, const int32_t *offsets, double *sums,
                            long set_bytes, double q[4][4], const double *values, const int32_t *value_offsets,
                            double *value_sums, const double *const *next) {
    const double *x0 = x[0], *x1 = x[1], *x2 = x[2], *x3 = x[3];
    __m256d q0 = _mm256_loadu_pd(q[0]), q1 = _mm256_loadu_pd(q[1]), q2 = _mm256_loadu_pd(q[2]), q3 = _mm256_loadu_pd(q[3]);
    long k = from;
    for (; k + 4 <= to; k += 4) {
        prefetch_next(next, k, base);
        const long i = k - base;
        __m256d a0 = _mm256_loadu_pd(x0 + i), a1 = _mm256_loadu_pd(x1 + i);
        __m256d a2 = _mm256_loadu_pd(x2 + i), a3 = _mm256_loadu_pd(x3 + i);
        __m256d r[4];
        transpose(a0, a1, a2, a3, r);
        add_rows4(sums, offsets, k, set_bytes, r);
        // Lane s of q_i: unit i's squares of the rows ≡ s (mod 4), as the scalar path keeps them.
        q0 = _mm256_add_pd(q0, _mm256_mul_pd(a0, a0));
        q1 = _mm256_add_pd(q1, _mm256_mul_pd(a1, a1));
        q2 = _mm256_add_pd(q2, _mm256_mul_pd(a2, a2));
        q3 = _mm256_add_pd(q3, _mm256_mul_pd(a3, a3));
        if (values) {
            __m256d m = _mm256_loadu_pd(values + i), p[4];
            transpose(_mm256_mul_pd(a0, m), _mm256_mul_pd(a1, m), _mm256_mul_pd(a2, m), _mm256_mul_pd(a3, m), p);
            add_rows4(value_sums, value_offsets, k, set_bytes, p);
        }
    }
    _mm256_storeu_pd(q[0], q0);
    _mm256_storeu_pd(q[1], q1);
    _mm256_storeu_pd(q[2], q2);
    _mm256_storeu_pd(q[3], q3);
    return k;
}

AVX2 static long add_avx2(const double *const *x, long base, long from, long to, const int32_t *offsets, double *sums,
                          long set_bytes, const double *const *next) {
    long k = from;
    for (; k + 4 <= to; k += 4) {
        prefetch_next(next, k, base);
        const long i = k - base;
        __m256d r[4];
        transpose(_mm256_loadu_pd(x[0] + i), _mm256_loadu_pd(x[1] + i), _mm256_loadu_pd(x[2] + i),
                  _mm256_loadu_pd(x[3] + i), r);
        add_rows4(sums, offsets, k, set_bytes, r);
    }
    return k;
}

AVX2 static long scaled_avx2(const double *const *x, const double *values, long base, long from, long to,
                             const int32_t *offsets, double *sums, long set_bytes) {
    long k = from;
    for (; k + 4 <= to; k += 4) {
        const long i = k - base;
        __m256d m = _mm256_loadu_pd(values + i), r[4];
        transpose(_mm256_mul_pd(_mm256_loadu_pd(x[0] + i), m), _mm256_mul_pd(_mm256_loadu_pd(x[1] + i), m),
                  _mm256_mul_pd(_mm256_loadu_pd(x[2] + i), m), _mm256_mul_pd(_mm256_loadu_pd(x[3] + i), m), r);
        add_rows4(sums, offsets, k, set_bytes, r);
    }
    return k;
}
#endif

// Both paths give the same bits, so a test switching paths while other threads add changes no result.
static atomic_int allowed = 1;
static atomic_int cpu_has_avx2 = -1;

int ccell_avx2_active(void) {
#ifdef HAVE_X86
    if (atomic_load_explicit(&cpu_has_avx2, memory_order_relaxed) < 0) {
        __builtin_cpu_init();
        atomic_store_explicit(&cpu_has_avx2, __builtin_cpu_supports("avx2") ? 1 : 0, memory_order_relaxed);
    }
    return atomic_load_explicit(&allowed, memory_order_relaxed) && atomic_load_explicit(&cpu_has_avx2, memory_order_relaxed);
#else
    return 0;
#endif
}

void ccell_use_avx2(int allow) { atomic_store_explicit(&allowed, allow ? 1 : 0, memory_order_relaxed); }

/// The first row at or after `from` that is ≡ 0 (mod 4), at most `to`: where the AVX2 loops start.
static inline long aligned(long from, long to) {
    long k = (from + 3) & ~3L;
    return k < to ? k : to;
}

void ccell_add_first_rows(const double *const *x, long from, long to, const int32_t *offsets, double *sums,
                          long set_bytes, double *square_sets, const double *values, const int32_t *value_offsets,
                          double *value_sums, const double *const *next) {
    double (*q)[4] = (double (*)[4])square_sets;
    long k = from;
#ifdef HAVE_X86
    if (ccell_avx2_active()) {
        k = aligned(from, to);
        first_scalar(x, from, from, k, offsets, sums, set_bytes, q, values, value_offsets, value_sums);
        k = first_avx2(x, from, k, to, offsets, sums, set_bytes, q, values, value_offsets, value_sums, next);
    }
#endif
    first_scalar(x, from, k, to, offsets, sums, set_bytes, q, values, value_offsets, value_sums);
}

void ccell_fold_squares(const double *square_sets, double *squares) {
    for (int i = 0; i < 4; i++) {
        const double *q = square_sets + 4 * i;
        squares[i] += ((q[0] + q[1]) + q[2]) + q[3];
    }
}

void ccell_add_first(const double *const *x, long n, const int32_t *offsets, double *sums, long set_bytes,
                     double *squares, const double *values, const int32_t *value_offsets, double *value_sums,
                     const double *const *next) {
    double q[16] = {0};
    ccell_add_first_rows(x, 0, n, offsets, sums, set_bytes, q, values, value_offsets, value_sums, next);
    ccell_fold_squares(q, squares);
}

void ccell_add_rows(const double *const *x, long from, long to, const int32_t *offsets, double *sums, long set_bytes,
                    const double *const *next) {
    long k = from;
#ifdef HAVE_X86
    if (ccell_avx2_active()) {
        k = aligned(from, to);
        add_scalar(x, from, from, k, offsets, sums, set_bytes);
        k = add_avx2(x, from, k, to, offsets, sums, set_bytes, next);
    }
#endif
    add_scalar(x, from, k, to, offsets, sums, set_bytes);
}

void ccell_add(const double *const *x, long n, const int32_t *offsets, double *sums, long set_bytes,
               const double *const *next) {
    ccell_add_rows(x, 0, n, offsets, sums, set_bytes, next);
}

void ccell_add_scaled_rows(const double *const *x, const double *values, long from, long to, const int32_t *offsets,
                           double *sums, long set_bytes) {
    long k = from;
#ifdef HAVE_X86
    if (ccell_avx2_active()) {
        k = aligned(from, to);
        scaled_scalar(x, values, from, from, k, offsets, sums, set_bytes);
        k = scaled_avx2(x, values, from, k, to, offsets, sums, set_bytes);
    }
#endif
    scaled_scalar(x, values, from, k, to, offsets, sums, set_bytes);
}

void ccell_add_scaled(const double *const *x, const double *values, long n, const int32_t *offsets, double *sums,
                      long set_bytes) {
    ccell_add_scaled_rows(x, values, 0, n, offsets, sums, set_bytes);
}
