/// Keeps freed heap memory in the process during a streaming pass: each chunk's parsed columns
/// (about 1 MB arrays, 64 MB a chunk) are freed and the next chunk's allocated, and glibc's
/// default thresholds can return every one of them to the kernel and fault them back in
/// (~0.9 s of system time per GB of CSV measured on the ACS-scale bench). With arrays below
/// 32 MB taken from the heap and the heap trimmed only beyond 1 GB free, the next chunk reuses
/// the last one's pages. That holds only in glibc's main arena: the parsing threads allocated
/// from arenas of their own, whose heaps are trimmed whatever the threshold, so every thread
/// now shares the main arena (M_ARENA_MAX 1; called before the pass starts its threads). 2M
/// rows × 87 columns parsed alone: 315K page faults and 0.57 s system time before, 35K and
/// 0.19-0.22 s after; wall 0.55-0.71 s → 0.43-0.44 s. Peak memory grows by what the heap keeps
/// free between chunks (+50 MB there).
enum HeapReuse {
    static func keepFreedPages() {
        #if os(Linux)
        _ = glibcMallopt(-8, 1)          // M_ARENA_MAX
        _ = glibcMallopt(-3, 32 << 20)   // M_MMAP_THRESHOLD (malloc.h)
        _ = glibcMallopt(-1, 1 << 30)    // M_TRIM_THRESHOLD
        #endif
    }
}

#if os(Linux)
/// glibc's `int mallopt(int, int)` (malloc.h is not in the Glibc module).
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
