// One OpenBLAS thread by default for the barometer program (blas_threads.c).
#ifndef CBLASTHREADS_H
#define CBLASTHREADS_H

/// The threads OpenBLAS runs on in this process (`openblas_get_num_threads`): 1 unless the
/// environment the process started with set `OPENBLAS_NUM_THREADS`, `GOTO_NUM_THREADS` or
/// `OMP_NUM_THREADS`.
int barometer_blas_threads(void);

#endif
