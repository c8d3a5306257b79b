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

rose-bench's side runs with the glibc malloc settings its launcher sets (scripts/lib/native-memory.sh); the peer
with the system's defaults, as a PyTorch user gets it, or with --peer-malloc rose with the same settings. Both are
recorded in the JSON and printed under the summary.

With --threads 1 everything is also reported by the CPU time of the thread that computes (libtorch and the BLAS
then run on the calling thread): unlike wall time it does not grow while other jobs on a shared machine take turns
on the core (cache and memory-bus contention remain).

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
    p.add_argument("--dropout-masks", nargs="+", choices=["libtorch", "counter"], default=["libtorch"],
                   help="dropout mask sources of rose-bench's train-step, taking turns step by step (default:"
                        " libtorch, the engine's; counter: rose-bench's counter-based generator)")
    p.add_argument("--peer-malloc", choices=["system", "rose"], default="system",
                   help="glibc malloc settings of the peer: the system's defaults, which a PyTorch user gets"
                        " (default), or the ones rose-bench's launcher sets (scripts/lib/native-memory.sh)."
                        " rose-bench's side always runs with its launcher's settings")
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


def gemm_bound_ms(matmul, batch, length, key="median_gflops"):
    """Time of one forward's products at the probe's median speed for each, in ms (None if a product is missing)."""
    speed = {(r["product"], r["batch"], r["length"]): r.get(key) for r in matmul}
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
           "--step-kernels", *args.step_kernels, "--dropout-masks", *args.dropout_masks]
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
    """The environments of both sides: rose-bench's with its launcher's malloc settings, the peer's per --peer-malloc."""
    env = dict(os.environ, DJL_OFFLINE="true", OPT_OUT_TRACKING="true", OMP_NUM_THREADS=str(args.threads))
    env.pop("GLIBC_TUNABLES", None)
    opts = env.get("ROSE_BENCH_JAVA_OPTS", "")
    env["ROSE_BENCH_JAVA_OPTS"] = (opts + f" -Dai.djl.pytorch.num_threads={args.threads}"
                                   " -Dai.djl.pytorch.num_interop_threads=1").strip()
    rose = dict(env, GLIBC_TUNABLES=launcher_tunables())
    peer = dict(env)
    if args.peer_malloc == "rose":
        peer["GLIBC_TUNABLES"] = rose["GLIBC_TUNABLES"]
    return {"rose": rose, "peer": peer}


def launcher_tunables():
    """GLIBC_TUNABLES as rose-bench's launcher sets it (read from the script both launchers source)."""
    script = os.path.join(ROOT, "scripts", "lib", "native-memory.sh")
    proc = subprocess.run(["bash", "-c", 'unset GLIBC_TUNABLES; source "$1"; printf %s "$GLIBC_TUNABLES"', "-", script],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0 or not proc.stdout:
        sys.exit(f"cannot read the launcher's malloc settings from {script}: {proc.stderr.strip()}")
    return proc.stdout


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


# wall clock; and, with one thread, the CPU time of the thread running the op (libtorch and the BLAS then compute
# on the calling thread), which does not grow when other jobs take turns on the core
METRICS = {"wall": ("median_ms", "median_gflops"), "cpu": ("cpu_thread_median_ms", "cpu_thread_gflops")}


def summarise(rounds, args):
    metrics = ["wall", "cpu"] if args.threads == 1 else ["wall"]
    rows = []
    for length in args.length:
        for batch in args.batch:
            variants = [(op, k, d) for op in args.ops
                        for k in (args.step_kernels if op == "train-step" else [None])
                        for d in (args.dropout_masks if op == "train-step" else [None])]
            for op, kernel, masks in variants:
                per = {"op": op, "batch": batch, "length": length, "gemm_gflop": STEP_LIKE[op]
                       * encoder_flops(batch, length) / 1e9}
                if kernel:
                    per["adamw_kernel"] = kernel
                if masks:
                    per["dropout_masks"] = masks
                for metric in metrics:
                    per[metric] = operation_summary(rounds, op, kernel, masks, batch, length, metric,
                                                    per["gemm_gflop"])
                rows.append(per)
    summary = {"metrics": metrics, "operations": rows}
    if args.adamw_iters > 0:
        summary["adamw"] = {m: adamw_summary(rounds, m) for m in metrics}
    summary["gemm"] = gemm_summary(rounds, args, metrics)
    return summary


def operation_summary(rounds, op, kernel, masks, batch, length, metric, gflop):
    time_key, speed_key = METRICS[metric]
    ratios, sides, peaks = [], {"rose": [], "peer": []}, {"rose": [], "peer": []}
    for r in rounds:
        t = {}
        for side in ("rose", "peer"):
            row = next((x for x in r[side]["results"] if x["op"] == op and x["batch"] == batch
                        and x["length"] == length
                        and (side == "peer" or (x.get("adamw_kernel", kernel) == kernel
                                                and x.get("dropout_masks", masks) == masks))), None)
            if row is None or time_key not in row:
                continue
            t[side] = row[time_key]
            sides[side].append(row[time_key])
            bound = gemm_bound_ms(r[side]["matmul"], batch, length, speed_key)
            if bound:
                peaks[side].append(100.0 * STEP_LIKE[op] * bound / row[time_key])
        if len(t) == 2:
            ratios.append(t["rose"] / t["peer"])
    out = {"ratio_rose_to_peer": spread(ratios)}
    for side in ("rose", "peer"):
        out[side] = {"median_ms": spread(sides[side]),
                     "gflops": gflop * 1e3 / statistics.median(sides[side]) if sides[side] else None,
                     "pct_of_gemm_peak": spread(peaks[side])}
    return out


def adamw_summary(rounds, metric):
    time_key = METRICS[metric][0]
    speed_key = "median_gb_s" if metric == "wall" else "cpu_thread_gb_s"
    out = {"kernels": {}}
    bytes_moved = rounds[0]["rose"]["adamw"]["bytes_moved"]
    out["bytes_moved"] = bytes_moved
    bandwidth = [next(p[speed_key] for p in r["rose"]["bandwidth"]["probes"] if p["probe"].startswith("a +="))
                 for r in rounds]
    out["bandwidth_gb_s"] = spread(bandwidth)
    out["bound_ms"] = spread([bytes_moved / b / 1e6 for b in bandwidth])
    if metric == "wall":
        best = max(p["best_gb_s"] for r in rounds for p in r["rose"]["bandwidth"]["probes"])
        out["best_bandwidth_gb_s"] = best
        out["bound_ms_at_best_bandwidth"] = bytes_moved / best / 1e6
    for kernel in ("FUSED", "OPS"):
        times, over_bound = [], []
        for r, bw in zip(rounds, bandwidth):
            k = next(x for x in r["rose"]["adamw"]["kernels"] if x["kernel"] == kernel)
            times.append(k[time_key])
            over_bound.append(k[time_key] / (bytes_moved / bw / 1e6))
        out["kernels"][kernel] = {"median_ms": spread(times), "times_bound": spread(over_bound)}
    peer = [next((x[time_key] for x in r["peer"]["results"] if x["op"] == "adamw"), None) for r in rounds]
    out["peer_torch_adamw_ms"] = spread(peer)
    return out


def gemm_summary(rounds, args, metrics):
    out = []
    for length in args.length:
        for batch in args.batch:
            for name in PER_LAYER:
                row = {"product": name, "batch": batch, "length": length}
                for metric in metrics:
                    for side in ("rose", "peer"):
                        row[f"{side}_{metric}_gflops"] = spread([
                            next(x[METRICS[metric][1]] for x in r[side]["matmul"]
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
    for metric in summary["metrics"]:
        what = "wall time" if metric == "wall" else "CPU time of the computing thread"
        print(f"rose-bench / PyTorch peer, {args.rounds} rounds, {args.threads} thread(s), {what};"
              " median [p10-p90] over rounds")
        print(f"{'op':<16} {'B x L':>7} {'rose ms':>21} {'peer ms':>21} {'ratio':>17} {'rose GF/s':>9}"
              f" {'peer GF/s':>9} {'rose %peak':>17} {'peer %peak':>17}")
        for r in summary["operations"]:
            m = r[metric]
            name = (r["op"] + (f"/{r['adamw_kernel'].lower()}" if "adamw_kernel" in r else "")
                    + ("/counter" if r.get("dropout_masks") == "counter" else ""))
            print(f"{name:<16} {r['batch']:>3}x{r['length']:<3} {fmt(m['rose']['median_ms'], 0):>21}"
                  f" {fmt(m['peer']['median_ms'], 0):>21} {fmt(m['ratio_rose_to_peer']):>17}"
                  f" {m['rose']['gflops'] or 0:>9.1f} {m['peer']['gflops'] or 0:>9.1f}"
                  f" {fmt(m['rose']['pct_of_gemm_peak'], 0):>17} {fmt(m['peer']['pct_of_gemm_peak'], 0):>17}")
        if "adamw" in summary:
            a = summary["adamw"][metric]
            best = (f" (best {a['best_bandwidth_gb_s']:.1f} GB/s: {a['bound_ms_at_best_bandwidth']:.1f} ms)"
                    if "best_bandwidth_gb_s" in a else "")
            print(f"AdamW, {a['bytes_moved'] / 1e6:.0f} MB moved per update; bandwidth {fmt(a['bandwidth_gb_s'], 1)}"
                  f" GB/s -> bound {fmt(a['bound_ms'], 1)} ms{best}")
            for k, v in a["kernels"].items():
                print(f"  {k:<6} {fmt(v['median_ms'], 1)} ms = {fmt(v['times_bound'])} x bound")
            print(f"  peer torch.optim.AdamW {fmt(a['peer_torch_adamw_ms'], 1)} ms")
        print("GEMM GFLOP/s (median of rounds): " + "; ".join(
            f"{g['product']} {g['batch']}x{g['length']}: rose {g[f'rose_{metric}_gflops']['median']:.0f},"
            f" peer {g[f'peer_{metric}_gflops']['median']:.0f}" for g in summary["gemm"]))
        print()


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
            record[side] = rose_side(args, env["rose"]) if side == "rose" else peer_side(args, env["peer"])
        rounds.append(record)
    summary = summarise(rounds, args)
    print_summary(summary, args)
    for side, e in env.items():
        print(f"{side} malloc: GLIBC_TUNABLES={e.get('GLIBC_TUNABLES') or '(unset: system defaults)'}")
    if args.no_save:
        return
    result = {"tool": "benchmarks/peer/compare.py", "date": datetime.datetime.now().isoformat(timespec="seconds"),
              "commit": git("rev-parse", "HEAD"), "dirty": bool(git("status", "--porcelain", "--untracked-files=no")),
              "args": vars(args), "glibc_tunables": {side: e.get("GLIBC_TUNABLES") for side, e in env.items()},
              "summary": summary, "rounds": rounds}
    path = output_file(args)
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(result, f, indent=1)
    os.replace(tmp, path)
    print(f"[compare] wrote {os.path.relpath(path, ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
