#!/usr/bin/env python3
"""Times rose-bench's encoder shape in plain PyTorch: the peer of the JMH benchmarks.

A BERT encoder of MiniLM-L6's shape (6 layers, hidden 384, 12 heads, intermediate 1536, vocabulary 30522) with
BERT's classification head, written out module by module as rose-bench's TransformerEncoder computes it
(post-LayerNorm, exact GELU, additive attention mask). Three operations, each over batch x length:

  forward        encoder sequence output, eval mode, no autograd (EncoderForwardBenchmark)
  fwd-bwd        classifier cross-entropy forward and backward in training mode, gradients zeroed in place
                 (EncoderBackwardBenchmark)
  train-step     fwd-bwd, global gradient clipping at 1.0 and an AdamW update with rose-bench's defaults
                 (β 0.9/0.98, ε 1e-6, weight decay 0.01 except biases and LayerNorm; TrainingStepBenchmark with
                 method=vanilla, which also tokenises its batch)
  adamw          the optimiser step alone, from the gradients of one fwd-bwd kept in place (AdamWBenchmark)

Weights are random and inputs are random token ids with no padding: timing does not depend on either.
Prints the median and the 10th-90th percentiles of the timed iterations in milliseconds; --json prints JSON.

Needs PyTorch (Debian: apt-get install python3-torch libopenblas0-pthread, then run it with /usr/bin/python3).
"""
import argparse
import json
import math
import os
import platform

from torch_env import blas_info, check_counts, cpu_fields, default_threads, import_torch, quantile, time_ms

OPERATIONS = ("forward", "fwd-bwd", "train-step", "adamw")


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--batch", type=int, nargs="+", default=[16, 32], help="batch sizes (default: 16 32)")
    p.add_argument("--length", type=int, nargs="+", default=[64], help="sequence lengths (default: 64)")
    p.add_argument("--ops", nargs="+", choices=OPERATIONS, default=list(OPERATIONS), help="operations to time")
    p.add_argument("--warmup", type=int, default=3, help="untimed iterations first (default: 3)")
    p.add_argument("--iters", type=int, default=20, help="timed iterations (default: 20)")
    p.add_argument("--threads", type=int, default=default_threads(),
                   help="intra-op threads; rose-bench's libtorch uses all cores by default (default: %(default)s)")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    return p.parse_args()


def build_model(torch, seed):
    nn = torch.nn
    F = torch.nn.functional

    class Config:
        vocab = 30522
        hidden = 384
        layers = 6
        heads = 12
        intermediate = 1536
        max_positions = 512
        type_vocab = 2
        dropout = 0.1
        layer_norm_eps = 1e-12
        labels = 2

    class SelfAttention(nn.Module):
        def __init__(self, c):
            super().__init__()
            self.heads, self.head_size = c.heads, c.hidden // c.heads
            self.query, self.key, self.value = (nn.Linear(c.hidden, c.hidden) for _ in range(3))
            self.dense = nn.Linear(c.hidden, c.hidden)
            self.norm = nn.LayerNorm(c.hidden, eps=c.layer_norm_eps)
            self.dropout = nn.Dropout(c.dropout)

        def split(self, x, b, length):
            return x.view(b, length, self.heads, self.head_size).transpose(1, 2)

        def forward(self, x, additive_mask):
            b, length, hidden = x.shape
            q, k, v = (self.split(f(x), b, length) for f in (self.query, self.key, self.value))
            scores = q.matmul(k.transpose(-1, -2)) / math.sqrt(self.head_size) + additive_mask
            probs = self.dropout(scores.softmax(-1))
            context = probs.matmul(v).transpose(1, 2).reshape(b, length, hidden)
            return self.norm(self.dropout(self.dense(context)) + x)

    class Layer(nn.Module):
        def __init__(self, c):
            super().__init__()
            self.attention = SelfAttention(c)
            self.intermediate = nn.Linear(c.hidden, c.intermediate)
            self.output = nn.Linear(c.intermediate, c.hidden)
            self.norm = nn.LayerNorm(c.hidden, eps=c.layer_norm_eps)
            self.dropout = nn.Dropout(c.dropout)

        def forward(self, x, additive_mask):
            a = self.attention(x, additive_mask)
            return self.norm(self.dropout(self.output(F.gelu(self.intermediate(a)))) + a)

    class Encoder(nn.Module):
        def __init__(self, c):
            super().__init__()
            self.words = nn.Embedding(c.vocab, c.hidden)
            self.positions = nn.Embedding(c.max_positions, c.hidden)
            self.types = nn.Embedding(c.type_vocab, c.hidden)
            self.norm = nn.LayerNorm(c.hidden, eps=c.layer_norm_eps)
            self.dropout = nn.Dropout(c.dropout)
            self.layers = nn.ModuleList(Layer(c) for _ in range(c.layers))

        def forward(self, ids, type_ids, mask):
            positions = torch.arange(ids.shape[1]).unsqueeze(0).expand_as(ids)
            x = self.dropout(self.norm(self.words(ids) + self.positions(positions) + self.types(type_ids)))
            # HF's extended mask: 0 where attended, the most negative float where padded
            additive = ((1.0 - mask.float()) * torch.finfo(torch.float32).min)[:, None, None, :]
            for layer in self.layers:
                x = layer(x, additive)
            return x

    class Classifier(nn.Module):
        """BERT's head: pooler (dense + tanh on the first token), dropout, linear classifier."""

        def __init__(self, c):
            super().__init__()
            self.encoder = Encoder(c)
            self.pooler = nn.Linear(c.hidden, c.hidden)
            self.dropout = nn.Dropout(c.dropout)
            self.classifier = nn.Linear(c.hidden, c.labels)

        def forward(self, ids, type_ids, mask):
            pooled = torch.tanh(self.pooler(self.encoder(ids, type_ids, mask)[:, 0]))
            return self.classifier(self.dropout(pooled))

    torch.manual_seed(seed)
    return Classifier(Config()), Config()


def adamw(torch, model):
    """rose-bench's defaults; biases and LayerNorm parameters are not decayed (HF Trainer grouping)."""
    decay, no_decay = [], []
    for name, p in model.named_parameters():
        (no_decay if name.endswith("bias") or ".norm." in name or name.startswith("norm.") else decay).append(p)
    return torch.optim.AdamW([{"params": decay, "weight_decay": 0.01}, {"params": no_decay, "weight_decay": 0.0}],
                             lr=2e-5, betas=(0.9, 0.98), eps=1e-6)


def inputs(torch, config, batch, length, seed):
    g = torch.Generator().manual_seed(seed)
    ids = torch.randint(1000, config.vocab, (batch, length), generator=g)
    ids[:, 0], ids[:, -1] = 101, 102  # [CLS] ... [SEP]
    labels = torch.randint(0, config.labels, (batch,), generator=g)
    return ids, torch.zeros_like(ids), torch.ones_like(ids), labels


def operation(torch, name, model, optimizer, batch):
    ids, type_ids, mask, labels = batch
    F = torch.nn.functional
    params = list(model.parameters())

    def zero_grads():
        # in place, as rose-bench does (the gradient buffers are kept between steps)
        for p in params:
            if p.grad is not None:
                p.grad.zero_()

    def forward():
        with torch.no_grad():
            model.encoder(ids, type_ids, mask)

    def fwd_bwd():
        F.cross_entropy(model(ids, type_ids, mask), labels).backward()
        zero_grads()

    def train_step():
        F.cross_entropy(model(ids, type_ids, mask), labels).backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        optimizer.step()
        zero_grads()

    def adamw_step():
        optimizer.step()

    if name == "adamw":
        model.train(True)
        zero_grads()
        F.cross_entropy(model(ids, type_ids, mask), labels).backward()  # gradients stay for every step
        return adamw_step
    fn = {"forward": forward, "fwd-bwd": fwd_bwd, "train-step": train_step}[name]
    model.train(name != "forward")
    return fn


def main():
    args = parse_args()
    check_counts(args.warmup, args.iters, args.threads)
    torch = import_torch(args.threads)
    model, config = build_model(torch, args.seed)
    optimizer = adamw(torch, model)
    results = []
    for length in args.length:
        for batch in args.batch:
            data = inputs(torch, config, batch, length, args.seed)
            for op in args.ops:
                cpu = {}
                t = time_ms(operation(torch, op, model, optimizer, data), args.warmup, args.iters, cpu)
                results.append({"op": op, "batch": batch, "length": length, "iters": len(t),
                                "median_ms": quantile(t, 0.5), "p10_ms": quantile(t, 0.1),
                                "p90_ms": quantile(t, 0.9), "mean_ms": sum(t) / len(t), **cpu_fields(cpu)})
    header = {"torch": torch.__version__, "blas": blas_info(torch), "threads": torch.get_num_threads(),
              "python": platform.python_version(), "machine": platform.machine(), "warmup": args.warmup,
              "parameters": sum(p.numel() for p in model.parameters()),
              "openblas_coretype": os.environ.get("OPENBLAS_CORETYPE"),
              "glibc_tunables": os.environ.get("GLIBC_TUNABLES")}
    if args.json:
        print(json.dumps({**header, "results": results}, indent=1))
        return
    print("torch {torch} (BLAS {blas}), {threads} threads, {parameters:,} parameters, warm-up {warmup}"
          .format(**header))
    print(f"{'op':<12} {'batch':>5} {'length':>6} {'median ms':>10} {'p10 ms':>9} {'p90 ms':>9} {'iters':>6}")
    for r in results:
        print(f"{r['op']:<12} {r['batch']:>5} {r['length']:>6} {r['median_ms']:>10.1f} {r['p10_ms']:>9.1f}"
              f" {r['p90_ms']:>9.1f} {r['iters']:>6}")


if __name__ == "__main__":
    main()
