#!/usr/bin/env python3
"""GEMM throughput (GFLOP/s) of MiniLM-L6's matrix products in PyTorch: a hardware reference for the step times.

For every batch x length (M = batch * length rows), times the products a layer of the encoder computes, as
torch.nn.functional.linear (x @ W^T, the call nn.Linear makes) or batched matmul for attention:

  qkv / attn-out   [M, 384]  x [384, 384]     four per layer
  intermediate     [M, 384]  x [384, 1536]
  output           [M, 1536] x [1536, 384]
  scores           [B*12, L, 32] x [B*12, 32, L]   (batched, per head)
  context          [B*12, L, L]  x [B*12, L, 32]

GFLOP/s = 2*M*K*N / time, from the median time and from the fastest one ("best", the closest to the peak).
The BLAS is the one this PyTorch loads (Debian: OpenBLAS); rose-bench's libtorch bundles its own.

Needs PyTorch (Debian: apt-get install python3-torch libopenblas0-pthread, then run it with /usr/bin/python3).
"""
import argparse
import json
import platform

from torch_env import blas_info, check_counts, cpu_fields, default_threads, import_torch, quantile, time_ms

HIDDEN, INTERMEDIATE, HEADS = 384, 1536, 12


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--batch", type=int, nargs="+", default=[16, 32], help="batch sizes (default: 16 32)")
    p.add_argument("--length", type=int, nargs="+", default=[64], help="sequence lengths (default: 64)")
    p.add_argument("--warmup", type=int, default=5, help="untimed products first (default: 5)")
    p.add_argument("--iters", type=int, default=50, help="timed products (default: 50)")
    p.add_argument("--threads", type=int, default=default_threads(),
                   help="intra-op threads; rose-bench's libtorch uses all cores by default (default: %(default)s)")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    return p.parse_args()


def products(torch, batch, length):
    """(name, shape text, flops, function) for each product of one layer at this batch x length."""
    F = torch.nn.functional
    m = batch * length
    head = HIDDEN // HEADS

    def linear(k, n):
        x, w = torch.randn(m, k), torch.randn(n, k)
        return lambda: F.linear(x, w)

    def batched(a, b):
        x, y = torch.randn(*a), torch.randn(*b)
        return lambda: torch.matmul(x, y)

    bh = batch * HEADS
    return [
        ("qkv/attn-out", f"[{m},{HIDDEN}]x[{HIDDEN},{HIDDEN}]", 2 * m * HIDDEN * HIDDEN, linear(HIDDEN, HIDDEN)),
        ("intermediate", f"[{m},{HIDDEN}]x[{HIDDEN},{INTERMEDIATE}]", 2 * m * HIDDEN * INTERMEDIATE,
         linear(HIDDEN, INTERMEDIATE)),
        ("output", f"[{m},{INTERMEDIATE}]x[{INTERMEDIATE},{HIDDEN}]", 2 * m * INTERMEDIATE * HIDDEN,
         linear(INTERMEDIATE, HIDDEN)),
        ("scores", f"[{bh},{length},{head}]x[{bh},{head},{length}]", 2 * bh * length * head * length,
         batched((bh, length, head), (bh, head, length))),
        ("context", f"[{bh},{length},{length}]x[{bh},{length},{head}]", 2 * bh * length * length * head,
         batched((bh, length, length), (bh, length, head))),
    ]


def main():
    args = parse_args()
    check_counts(args.warmup, args.iters, args.threads)
    torch = import_torch(args.threads)
    torch.manual_seed(args.seed)
    results = []
    with torch.no_grad():
        for length in args.length:
            for batch in args.batch:
                for name, shape, flops, fn in products(torch, batch, length):
                    cpu = {}
                    t = time_ms(fn, args.warmup, args.iters, cpu)
                    median = quantile(t, 0.5)
                    results.append({"product": name, "batch": batch, "length": length, "shape": shape,
                                    "flops": flops, "iters": len(t), "median_ms": median,
                                    "p10_ms": quantile(t, 0.1), "p90_ms": quantile(t, 0.9),
                                    "median_gflops": flops / median / 1e6, "best_gflops": flops / min(t) / 1e6,
                                    "cpu_thread_gflops": flops / quantile(cpu["thread"], 0.5) / 1e6,
                                    **cpu_fields(cpu)})
    header = {"torch": torch.__version__, "blas": blas_info(torch), "threads": torch.get_num_threads(),
              "python": platform.python_version(), "machine": platform.machine(), "warmup": args.warmup}
    if args.json:
        print(json.dumps({**header, "results": results}, indent=1))
        return
    print("torch {torch} (BLAS {blas}), {threads} threads, warm-up {warmup}".format(**header))
    print(f"{'product':<13} {'shape':<28} {'median ms':>10} {'p10 ms':>8} {'p90 ms':>8} {'GFLOP/s':>8}"
          f" {'best':>8} {'iters':>6}")
    for r in results:
        print(f"{r['product']:<13} {r['shape']:<28} {r['median_ms']:>10.3f} {r['p10_ms']:>8.3f} {r['p90_ms']:>8.3f}"
              f" {r['median_gflops']:>8.1f} {r['best_gflops']:>8.1f} {r['iters']:>6}")


if __name__ == "__main__":
    main()
