"""What both peers share: loading PyTorch with a given thread count, naming its BLAS, timing and quantiles."""
import math
import os
import sys
import time


def default_threads():
    """All cores this process may use: what rose-bench's libtorch uses by default."""
    return len(os.sched_getaffinity(0))


def import_torch(threads):
    # OpenMP and OpenBLAS size their thread pools when the library loads: set them before the import
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(threads)
    try:
        import torch
    except ImportError:
        sys.exit("PyTorch not found: apt-get install python3-torch libopenblas0-pthread, then run this script with"
                 " /usr/bin/python3 (a pyenv or virtualenv python does not see Debian's packages)")
    torch.set_num_threads(threads)
    return torch


def blas_info(torch):
    """The BLAS library actually loaded (Debian's torch reports only "generic": libblas.so.3, an alternative)."""
    torch.ones(64, 64).matmul(torch.ones(64, 64))  # make sure the library is loaded
    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if "/" in line}
        libs = sorted({os.path.realpath(p) for p in paths
                       if any(n in os.path.basename(p).lower() for n in ("blas", "mkl"))})
        if libs:
            return ", ".join(libs)
    except OSError:
        pass
    for part in torch.__config__.show().replace(",", "\n").splitlines():
        if "BLAS_INFO" in part:
            return part.split("=", 1)[1].strip()
    return "unknown"


def time_ms(fn, warmup, iters, cpu=None):
    """Wall time of each of `iters` calls after `warmup` untimed ones, in milliseconds. With a dict as `cpu`, its
    "thread" and "process" lists get each call's CPU time of this thread and of the process (ms): on a shared
    machine, one thread's CPU time does not grow when other jobs take turns on the core."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(iters):
        thread, process = time.thread_time(), time.process_time()
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1e3)
        if cpu is not None:
            cpu.setdefault("thread", []).append((time.thread_time() - thread) * 1e3)
            cpu.setdefault("process", []).append((time.process_time() - process) * 1e3)
    return times


def cpu_fields(cpu):
    """Medians of the CPU times `time_ms` collected."""
    return {"cpu_thread_median_ms": quantile(cpu["thread"], 0.5), "cpu_process_median_ms": quantile(cpu["process"], 0.5)}


def quantile(values, q):
    """Linear interpolation between closest ranks (numpy's default), as rose-bench's bench command."""
    s = sorted(values)
    pos = q * (len(s) - 1)
    lo, hi = math.floor(pos), math.ceil(pos)
    return s[lo] + (pos - lo) * (s[hi] - s[lo])


def check_counts(warmup, iters, threads):
    if iters < 1 or warmup < 0 or threads < 1:
        sys.exit("need --iters >= 1, --warmup >= 0 and --threads >= 1")
