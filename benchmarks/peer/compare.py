#!/usr/bin/env python3
"""rose-bench against the PyTorch peer, side by side: the same operations, shapes and thread count, in alternating
rounds (rose-bench first in odd rounds, the peer first in even ones), so that load on a shared machine hits both.

Per round, rose-bench's side is one JVM (benchmarks/run --main org.rosebench.benchmarks.peer.RoseSide: forward,
fwd-bwd, train-step, the layer's matmuls, the AdamW update by both kernels, a memory-bandwidth probe) and the peer's
is torch_step.py and matmul_peak.py. Reported per operation and shape:

  ratio          rose-bench median / peer median of the same round; the median and 10th-90th percentiles over rounds
  GFLOP/s        encoder GEMM FLOPs / median time (forward: F; fwd-bwd and train-step: 3F, the backward taking two
                 products per forward product; the classifier head and all non-GEMM work are not counted)
  % GEMM peak    the time the same FLOPs take at this side's own matmul-probe speed for each product of the layer
                 (measured in the same round; backward products counted at their forward shape's speed) divided
                 by the measured time: 100% means the operation runs at the speed of its bare matrix products
  AdamW          the update of all parameters against its memory-traffic bound: 7 float32 arrays moved (W, g, m,
                 v read, W, m, v written) at the bandwidth of rose-bench's probe (libtorch in-place a += b)

Needs the peer's PyTorch (benchmarks/peer/install.sh) and Java 17 + Maven for rose-bench's side (benchmarks/run
builds it). The summary goes to stdout; the JSON (every round's raw output and the summary) to --out, by default
results/bench/side-by-side-<date>-<commit>[-dirty]-t<threads>.json (an existing file is never overwritten).
"""
import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from torch_env import quantile  # noqa: E402  (no torch import: this script runs with any python3)

HIDDEN, INTERMEDIATE, HEADS, LAYERS = 384, 1536, 12, 6
# products of one layer: name -> how many per layer
PER_LAYER = {"qkv/attn-out": 4, "intermediate": 1, "output": 1, "scores": 1, "context": 1}
STEP_LIKE = {"fwd-bwd": 3, "train-step": 3, "forward": 1}
ROSE_MAIN = "org.rosebench.benchmarks.peer.RoseSide"
PEER_PYTHON = "/usr/bin/python3"


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--rounds", type=int, default=5, help="alternating rounds (default: 5)")
    p.add_argument("--batch", type=int, nargs="+", default=[16, 32])
    p.add_argument("--length", type=int, nargs="+", default=[64])
    p.add_argument("--ops", nargs="+", choices=sorted(STEP_LIKE), default=["forward", "train-step"],
                   help="model operations to compare (default: forward train-step)")
    p.add_argument("--threads", type=int, default=len(os.sched_getaffinity(0)),
                   help="intra-op threads of both sides (default: all cores, %(default)s)")
    p.add_argument("--iters", type=int, default=10, help="timed calls per operation per round (default: 10)")
    p.add_argument("--warmup", type=int, default=2, help="untimed calls first (default: 2)")
    p.add_argument("--matmul-iters", type=int, default=30, help="timed products per shape per round (default: 30)")
    p.add_argument("--adamw-iters", type=int, default=5,
                   help="timed AdamW updates per kernel per round; 0 skips AdamW and bandwidth (default: 5)")
    p.add_argument("--step-kernels", nargs="+", choices=["FUSED", "OPS"], default=["FUSED"],
                   help="AdamW kernels of rose-bench's train-step, taking turns step by step (default: FUSED)")
    p.add_argument("--out", help="JSON output file (default: results/bench/side-by-side-<date>-<commit>-t<N>.json)")
    p.add_argument("--no-save", action="store_true", help="print the summary only")
    return p.parse_args()


def encoder_flops(batch, length):
    """GEMM FLOPs of the encoder's forward pass over batch x length (see matmul_peak.py for the products)."""
    return LAYERS * sum(n * product_flops(name, batch, length) for name, n in PER_LAYER.items())


def product_flops(name, batch, length):
    m = batch * length
    return {"qkv/attn-out": 2 * m * HIDDEN * HIDDEN, "intermediate": 2 * m * HIDDEN * INTERMEDIATE,
            "output": 2 * m * INTERMEDIATE * HIDDEN,
            "scores": 2 * batch * HEADS * length * (HIDDEN // HEADS) * length,
            "context": 2 * batch * HEADS * length * length * (HIDDEN // HEADS)}[name]


def gemm_bound_ms(matmul, batch, length):
    """Time of one forward's products at the probe's median speed for each, in ms (None if a product is missing)."""
    speed = {(r["product"], r["batch"], r["length"]): r["median_gflops"] for r in matmul}
    total = 0.0
    for name, n in PER_LAYER.items():
        g = speed.get((name, batch, length))
        if not g:
            return None
        total += LAYERS * n * product_flops(name, batch, length) / g / 1e6
    return total


def run_json(cmd, env):
    proc = subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        sys.exit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr[-3000:]}")
    out = proc.stdout
    return json.loads(out[out.index("{"):])  # anything logged before the JSON is skipped


def rose_side(args, env):
    ops = list(args.ops) + ["matmul"] + (["adamw", "bandwidth"] if args.adamw_iters > 0 else [])
    cmd = [os.path.join(ROOT, "benchmarks", "run"), "--main", ROSE_MAIN, "--ops", *ops,
           "--batch", *map(str, args.batch), "--length", *map(str, args.length), "--iters", str(args.iters),
           "--warmup", str(args.warmup), "--adamw-iters", str(max(1, args.adamw_iters)),
           "--step-kernels", *args.step_kernels]
    return run_json(cmd, env)


def peer_side(args, env):
    common = ["--json", "--threads", str(args.threads), "--batch", *map(str, args.batch),
              "--length", *map(str, args.length)]
    ops = list(args.ops) + (["adamw"] if args.adamw_iters > 0 else [])
    step = run_json([PEER_PYTHON, os.path.join(HERE, "torch_step.py"), *common, "--ops", *ops,
                     "--iters", str(args.iters), "--warmup", str(args.warmup)], env)
    matmul = run_json([PEER_PYTHON, os.path.join(HERE, "matmul_peak.py"), *common,
                       "--iters", str(args.matmul_iters)], env)
    return {**step, "matmul": matmul["results"], "matmul_blas": matmul.get("blas")}


def environment(args):
    env = dict(os.environ, DJL_OFFLINE="true", OPT_OUT_TRACKING="true", OMP_NUM_THREADS=str(args.threads))
    opts = env.get("ROSE_BENCH_JAVA_OPTS", "")
    env["ROSE_BENCH_JAVA_OPTS"] = (opts + f" -Dai.djl.pytorch.num_threads={args.threads}"
                                   " -Dai.djl.pytorch.num_interop_threads=1").strip()
    return env


def loadavg():
    try:
        with open("/proc/loadavg") as f:
            return float(f.read().split()[0])
    except OSError:
        return None


def spread(values):
    values = [v for v in values if v is not None]
    if not values:
        return None
    return {"median": statistics.median(values), "p10": quantile(values, 0.1), "p90": quantile(values, 0.9),
            "n": len(values)}


def summarise(rounds, args):
    rows = []
    for length in args.length:
        for batch in args.batch:
            variants = [(op, k) for op in args.ops for k in (args.step_kernels if op == "train-step" else [None])]
            for op, kernel in variants:
                per = {"op": op, "batch": batch, "length": length, "gemm_gflop": STEP_LIKE[op]
                       * encoder_flops(batch, length) / 1e9}
                if kernel:
                    per["adamw_kernel"] = kernel
                ratios, sides = [], {"rose": [], "peer": []}
                peaks = {"rose": [], "peer": []}
                for r in rounds:
                    t = {}
                    for side in ("rose", "peer"):
                        row = next((x for x in r[side]["results"] if x["op"] == op and x["batch"] == batch
                                    and x["length"] == length
                                    and (side == "peer" or x.get("adamw_kernel", kernel) == kernel)), None)
                        if row is None:
                            continue
                        t[side] = row["median_ms"]
                        sides[side].append(row["median_ms"])
                        bound = gemm_bound_ms(r[side]["matmul"], batch, length)
                        if bound:
                            peaks[side].append(100.0 * STEP_LIKE[op] * bound / row["median_ms"])
                    if len(t) == 2:
                        ratios.append(t["rose"] / t["peer"])
                per["ratio_rose_to_peer"] = spread(ratios)
                for side in ("rose", "peer"):
                    per[side] = {"median_ms": spread(sides[side]),
                                 "gflops": per["gemm_gflop"] * 1e3 / statistics.median(sides[side])
                                 if sides[side] else None,
                                 "pct_of_gemm_peak": spread(peaks[side])}
                rows.append(per)
    summary = {"operations": rows}
    if args.adamw_iters > 0:
        summary["adamw"] = adamw_summary(rounds)
    summary["gemm"] = gemm_summary(rounds, args)
    return summary


def adamw_summary(rounds):
    out = {"kernels": {}}
    bytes_moved = rounds[0]["rose"]["adamw"]["bytes_moved"]
    out["bytes_moved"] = bytes_moved
    bandwidth = [max(p["median_gb_s"] for p in r["rose"]["bandwidth"]["probes"] if p["probe"].startswith("a +="))
                 for r in rounds]
    best_bandwidth = [max(p["best_gb_s"] for p in r["rose"]["bandwidth"]["probes"]) for r in rounds]
    out["bandwidth_gb_s"] = spread(bandwidth)
    out["best_bandwidth_gb_s"] = max(best_bandwidth)
    out["bound_ms"] = spread([bytes_moved / b / 1e6 for b in bandwidth])
    out["bound_ms_at_best_bandwidth"] = bytes_moved / max(best_bandwidth) / 1e6
    for kernel in ("FUSED", "OPS"):
        times, over_bound = [], []
        for r, bw in zip(rounds, bandwidth):
            k = next(x for x in r["rose"]["adamw"]["kernels"] if x["kernel"] == kernel)
            times.append(k["median_ms"])
            over_bound.append(k["median_ms"] / (bytes_moved / bw / 1e6))
        out["kernels"][kernel] = {"median_ms": spread(times), "times_bound": spread(over_bound)}
    peer = [next((x["median_ms"] for x in r["peer"]["results"] if x["op"] == "adamw"), None) for r in rounds]
    out["peer_torch_adamw_ms"] = spread(peer)
    return out


def gemm_summary(rounds, args):
    out = []
    for length in args.length:
        for batch in args.batch:
            for name in PER_LAYER:
                row = {"product": name, "batch": batch, "length": length}
                for side in ("rose", "peer"):
                    row[side + "_median_gflops"] = spread([
                        next(x["median_gflops"] for x in r[side]["matmul"]
                             if x["product"] == name and x["batch"] == batch and x["length"] == length)
                        for r in rounds])
                out.append(row)
    return out


def git(*cmd):
    try:
        return subprocess.run(["git", *cmd], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              text=True).stdout.strip()
    except OSError:
        return ""


def output_file(args):
    if args.out:
        if os.path.exists(args.out):
            sys.exit(f"{args.out} exists; results are never overwritten")
        return args.out
    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    if git("status", "--porcelain", "--untracked-files=no"):
        commit += "-dirty"
    base = os.path.join(ROOT, "results", "bench",
                        f"side-by-side-{datetime.date.today().isoformat()}-{commit}-t{args.threads}")
    path, n = base + ".json", 2
    while os.path.exists(path):
        path, n = f"{base}-{n}.json", n + 1
    return path


def fmt(s, digits=2):
    if not s:
        return "-"
    return f"{s['median']:.{digits}f} [{s['p10']:.{digits}f}-{s['p90']:.{digits}f}]"


def print_summary(summary, args):
    print(f"rose-bench / PyTorch peer, {args.rounds} rounds, {args.threads} thread(s); median [p10-p90] over rounds")
    print(f"{'op':<16} {'B x L':>7} {'rose ms':>21} {'peer ms':>21} {'ratio':>17} {'rose GF/s':>9}"
          f" {'peer GF/s':>9} {'rose %peak':>17} {'peer %peak':>17}")
    for r in summary["operations"]:
        name = r["op"] + (f"/{r['adamw_kernel'].lower()}" if "adamw_kernel" in r else "")
        print(f"{name:<16} {r['batch']:>3}x{r['length']:<3} {fmt(r['rose']['median_ms'], 0):>21}"
              f" {fmt(r['peer']['median_ms'], 0):>21} {fmt(r['ratio_rose_to_peer']):>17}"
              f" {r['rose']['gflops'] or 0:>9.1f} {r['peer']['gflops'] or 0:>9.1f}"
              f" {fmt(r['rose']['pct_of_gemm_peak'], 0):>17} {fmt(r['peer']['pct_of_gemm_peak'], 0):>17}")
    if "adamw" in summary:
        a = summary["adamw"]
        print(f"AdamW, {a['bytes_moved'] / 1e6:.0f} MB moved per update; bandwidth {fmt(a['bandwidth_gb_s'], 1)} GB/s"
              f" (best {a['best_bandwidth_gb_s']:.1f}) -> bound {fmt(a['bound_ms'], 1)} ms"
              f" ({a['bound_ms_at_best_bandwidth']:.1f} at the best)")
        for k, v in a["kernels"].items():
            print(f"  {k:<6} {fmt(v['median_ms'], 1)} ms = {fmt(v['times_bound'])} x bound")
        print(f"  peer torch.optim.AdamW {fmt(a['peer_torch_adamw_ms'], 1)} ms")
    print("GEMM GFLOP/s (median of rounds): " + "; ".join(
        f"{g['product']} {g['batch']}x{g['length']}: rose {g['rose_median_gflops']['median']:.0f},"
        f" peer {g['peer_median_gflops']['median']:.0f}" for g in summary["gemm"]))


def main():
    args = parse_args()
    if args.rounds < 1 or args.iters < 1 or args.warmup < 0 or args.threads < 1 or args.adamw_iters < 0:
        sys.exit("need --rounds, --iters, --threads >= 1 and --warmup, --adamw-iters >= 0")
    env = environment(args)
    rounds = []
    for i in range(args.rounds):
        record = {"round": i + 1, "order": ["rose", "peer"] if i % 2 == 0 else ["peer", "rose"]}
        for side in record["order"]:
            record[f"loadavg_before_{side}"] = loadavg()
            print(f"[compare] round {i + 1}/{args.rounds}: {side} ...", file=sys.stderr, flush=True)
            record[side] = rose_side(args, env) if side == "rose" else peer_side(args, env)
        rounds.append(record)
    summary = summarise(rounds, args)
    print_summary(summary, args)
    if args.no_save:
        return
    result = {"tool": "benchmarks/peer/compare.py", "date": datetime.datetime.now().isoformat(timespec="seconds"),
              "commit": git("rev-parse", "HEAD"), "dirty": bool(git("status", "--porcelain", "--untracked-files=no")),
              "args": vars(args), "summary": summary, "rounds": rounds}
    path = output_file(args)
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(result, f, indent=1)
    os.replace(tmp, path)
    print(f"[compare] wrote {os.path.relpath(path, ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
