/*
 * rose-bench's MKL vendor shim, preloaded by the launcher on AMD CPUs with AVX-512 when ROSE_BENCH_MKL_AVX512=on
 * (scripts/lib/mkl-avx512.sh).
 *
 * libtorch carries Intel oneMKL, which picks its GEMM kernels by CPU vendor before it looks at the instruction set:
 * on an AMD CPU it takes its AVX2 "zen" kernels even when the CPU has AVX-512 (AMD Zen 4 and later). MKL asks these
 * two functions whether the CPU is Intel's; answering yes lets it choose by the instruction set the CPU reports
 * (cpuid), so a Zen 4 CPU gets the AVX-512 kernels an Intel CPU with the same features gets. No instruction the CPU
 * lacks is used: MKL still checks every feature flag. Results change only as a different summation order changes
 * them (float rounding), as they do between Intel and AMD machines without the shim.
 */
int mkl_serv_intel_cpu_true(void) { return 1; }
int mkl_serv_intel_cpu(void) { return 1; }
