# Sourced by ./rose-bench and benchmarks/run: how glibc's malloc, which libtorch allocates tensors with, is tuned
# for rose-bench's processes. A GLIBC_TUNABLES that is already set (even empty) is left alone.
#
# libtorch allocates and frees tensors of a few MB in every operator. By default glibc hands such memory back to the
# kernel and page-faults it in again on the next use, which cost about a fifth of the CPU time of a MiniLM forward
# pass on a 2-core test machine (docs/attacks.md §10). So freed memory stays in the process:
#   mmap_threshold=32 MB   blocks up to 32 MB (the most glibc accepts) come from the heap, not from fresh mappings;
#   trim_threshold=4 GiB   the heap is never trimmed;   top_pad=64 MB   it grows in large steps.
# Numbers are unchanged by this; peak RSS is not returned to the system until the process ends.
#
# Blocks above 32 MB are still mapped afresh, 4 KB page by page (for MiniLM: temporaries the size of the 47 MB
# word-embedding table, which only the op-by-op AdamW kernel makes). Adding glibc.malloc.hugetlb=1 (transparent
# huge pages for malloc) took that kernel's update from 381 to 88 ms on the test machine, but made the forward pass
# and the default training step 2-8% slower, so it is not set here (README, "Benchmarks").
export GLIBC_TUNABLES="${GLIBC_TUNABLES-glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=4294967295:glibc.malloc.top_pad=67108864}"
