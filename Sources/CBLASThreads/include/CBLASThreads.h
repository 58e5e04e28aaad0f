// OpenBLAS's set-up in the barometer program: one thread by default (blas_threads.c), kernels
// fitting the CPU (blas_kernels.c).
#ifndef CBLASTHREADS_H
#define CBLASTHREADS_H

/// The threads OpenBLAS runs on in this process (`openblas_get_num_threads`): 1 unless the
/// environment the process started with set `OPENBLAS_NUM_THREADS`, `GOTO_NUM_THREADS` or
/// `OMP_NUM_THREADS`.
int barometer_blas_threads(void);

/// The name of the kernels OpenBLAS runs in this process ("Haswell", "SkylakeX", …): its own
/// choice for the CPU, or, where it fell back to its oldest ("Prescott") on a CPU with AVX2 or
/// AVX-512, the ones that CPU runs (blas_kernels.c); OPENBLAS_CORETYPE, when set, decides.
const char *barometer_blas_kernels(void);

#endif
