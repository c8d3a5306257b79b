# Sourced by ./rose-bench and benchmarks/run: on request, lets libtorch's MKL use its AVX-512 kernels on AMD CPUs
# that have AVX-512, by preloading the two-function shim of scripts/lib/mkl-vendor-shim.c (why: that file's comment).
#
#   ROSE_BENCH_MKL_AVX512=off (default)  MKL chooses its kernels itself (on AMD: AVX2)
#   ROSE_BENCH_MKL_AVX512=on             preload the shim on an AMD CPU whose flags include AVX-512 F, BW, DQ and VL
#                                        (the set MKL's AVX-512 kernels need), built with the system's C compiler;
#                                        on other CPUs nothing changes (Intel CPUs already get those kernels)
#
# Measured on a 2-core AMD EPYC (Zen 4): the layer GEMMs run at 340-380 instead of 150-170 GFLOP/s, a forward pass
# takes 0.5x the time, a training step 0.6-0.7x, TextFooler 0.55x (results/bench/mkl-avx512-2026-12-05/README.md).
# Not the default because those kernels round differently with the batch's shape: a text embedded in a group is no
# longer bit-identical to the same text embedded alone, and accumulated micro-batches differ from the whole batch
# by more (README, "Fidelity notes"). Every result records `mkl_vendor_check` in its provenance. The shim is built
# once per user into the cache (ROSE_BENCH_CACHE, default ~/.cache/rose-bench) and shared by every later launch.
rose_bench_mkl_avx512() {
  local mode="${ROSE_BENCH_MKL_AVX512:-off}"
  case "$mode" in
    off) return 0 ;;
    on) ;;
    *) echo "rose-bench: ROSE_BENCH_MKL_AVX512 must be on or off, not '$mode'" >&2; return 2 ;;
  esac
  [[ -r /proc/cpuinfo ]] || return 0
  grep -q -m1 '^vendor_id.*AuthenticAMD' /proc/cpuinfo || return 0
  local flags
  flags=" $(grep -m1 '^flags' /proc/cpuinfo | cut -d: -f2) "
  local f
  for f in avx512f avx512bw avx512dq avx512vl; do
    [[ "$flags" == *" $f "* ]] || return 0
  done
  local lib_dir
  lib_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  local src="$lib_dir/mkl-vendor-shim.c"
  local cache="${ROSE_BENCH_CACHE:-$HOME/.cache/rose-bench}/mkl-shim/$(cksum < "$src" | cut -d' ' -f1)"
  local so="$cache/librose-bench-mkl-vendor-shim.so"
  if [[ ! -f "$so" ]]; then
    local cc
    cc=$(command -v cc || command -v gcc || command -v clang || true)
    if [[ -z "$cc" ]]; then
      echo "rose-bench: ROSE_BENCH_MKL_AVX512=on needs a C compiler to build a small shim (none on PATH); running" \
           "with MKL's AVX2 kernels. Install gcc, or unset ROSE_BENCH_MKL_AVX512." >&2
      return 0
    fi
    if ! mkdir -p "$cache" 2>/dev/null; then
      echo "rose-bench: cannot create $cache for the MKL shim; running with MKL's AVX2 kernels" >&2
      return 0
    fi
    local tmp="$so.$$.tmp"
    if ! "$cc" -O2 -shared -fPIC -o "$tmp" "$src" 2>"$cache/build.err"; then
      rm -f "$tmp"
      echo "rose-bench: could not build the MKL shim with $cc ($(tail -1 "$cache/build.err")); running with MKL's" \
           "AVX2 kernels" >&2
      return 0
    fi
    mv -f "$tmp" "$so"   # atomic: concurrent launches each build, the last rename wins, every reader sees a whole file
  fi
  case ":${LD_PRELOAD:-}:" in
    *":$so:"*) ;;
    *) export LD_PRELOAD="$so${LD_PRELOAD:+:$LD_PRELOAD}" ;;
  esac
}
rose_bench_mkl_avx512 || exit $?
