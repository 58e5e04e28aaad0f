// The barometer program runs OpenBLAS on one thread unless the user's environment says otherwise:
// its own long passes (the CSV reader, the replicate and Taylor passes) divide the cores among
// themselves, its BLAS calls are small, and the worker threads OpenBLAS starts when it loads spin
// on the other cores for about a tenth of a second before they sleep: on a 2-core machine a short
// command took 8.4–15.4 ms of CPU and 9.7–15.0 ms of wall time, as that spin was or was not
// scheduled before the exit, and 8.4–8.6 ms and 9.3–9.7 ms without it (`table`, three runs of 30,
// issue 17 item 4). And the benchmark, which sets OPENBLAS_NUM_THREADS=1, measured a
// configuration users did not run.
#include "CBLASThreads.h"
#include <stdlib.h>

// OpenBLAS's thread counts (its static archive is linked into the program: Sources/CBLAS).
extern int blas_cpu_number;
extern int blas_num_threads;
int openblas_get_num_threads(void);

/// One thread when none of the variables OpenBLAS reads is set. Priority 101: before OpenBLAS's own
/// constructor (default priority), which leaves a thread count already set as it is and starts
/// `blas_num_threads - 1` workers. The environment is not changed: setting a variable here moves
/// `environ`, and the static Swift runtime then no longer finds the program's arguments.
__attribute__((constructor(101))) static void one_blas_thread_by_default(void) {
    if (getenv("OPENBLAS_NUM_THREADS") || getenv("GOTO_NUM_THREADS") || getenv("OMP_NUM_THREADS")) return;
    blas_cpu_number = 1;
    blas_num_threads = 1;
}

int barometer_blas_threads(void) { return openblas_get_num_threads(); }
