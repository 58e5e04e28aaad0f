// OpenBLAS picks its kernels for the CPU when it loads, by the CPU's family and model. Debian 12's
// OpenBLAS (0.3.21) does not know the Intel processors that came after it (this project's
// benchmark host reports family 6, model 207, with AVX-512) and falls back to its oldest x86-64
// kernels, "Prescott" (SSE3: two doubles an instruction, no fused multiply-add). There the Gram
// products of a streamed 80-replicate design ran at about 10 GFLOP/s. Where OpenBLAS fell back so
// on a CPU with AVX2 or AVX-512, the program chooses the kernels that CPU runs — as the user
// would with OPENBLAS_CORETYPE, which, when set, is left to decide.
#include "CBLASThreads.h"
#include <stdlib.h>
#include <string.h>

// OpenBLAS's kernel table (a `gotoblas_t *`; its static archive is linked into the program), its
// choice of one (which returns at once when a table is already chosen, else reads
// OPENBLAS_CORETYPE or the CPU and initialises the table) and the chosen table's name.
extern void *gotoblas;
void gotoblas_dynamic_init(void);
char *gotoblas_corename(void);
extern char **environ;

/// The OPENBLAS_CORETYPE entry for this CPU's vector instructions, or NULL (no better kernels).
static const char *fitting_core(void) {
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512cd")
        && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl"))
        return "OPENBLAS_CORETYPE=SkylakeX";
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return "OPENBLAS_CORETYPE=Haswell";
    return NULL;
}

/// Priority 102: after `one_blas_thread_by_default` (101), before OpenBLAS's own constructor,
/// which then finds the table chosen. The entry is offered to OpenBLAS through a copy of the
/// environment that `environ` points to only for the call: the process's environment is left as
/// it was (the static Swift runtime finds the program's arguments from it).
__attribute__((constructor(102))) static void kernels_for_this_cpu(void) {
    if (getenv("OPENBLAS_CORETYPE")) return;
    gotoblas_dynamic_init();
    if (strcmp(gotoblas_corename(), "Prescott") != 0) return;
    const char *core = fitting_core();
    if (!core) return;
    size_t n = 0;
    while (environ[n]) n++;
    char **offered = malloc((n + 2) * sizeof *offered);
    if (!offered) return;
    memcpy(offered, environ, n * sizeof *offered);
    offered[n] = (char *)core;
    offered[n + 1] = NULL;
    char **kept = environ;
    environ = offered;
    gotoblas = NULL;
    gotoblas_dynamic_init();
    environ = kept;
    free(offered);
}

const char *barometer_blas_kernels(void) { return gotoblas_corename(); }
