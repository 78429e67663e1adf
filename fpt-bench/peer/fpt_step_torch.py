#!/usr/bin/env python3
"""The peer: the same FPT step as fpt-bench's Bench, in PyTorch, written the way its users would write it.

Same shapes (GPT-2 small body: 12 layers, d=768, 12 heads, 1024 positions; B=8, T=64, 48 input values per
token, 10 classes), same ops (linear input layer, learned positions, pre-LN blocks with causal + key-mask
attention bias, tanh GELU, dropout 0.1, ln_f, last-token readout, linear head, cross-entropy), same frozen
set (policy fpt: attention and feed-forward frozen; input, head, positions, layer norms train), Adam at
lr 1e-3, global-norm clipping at 1.0, same thread count. Prints the BLAS it runs on and a RESULT line in
the Java runner's format.

With --autocast, the forward pass runs under torch.autocast("cpu", dtype=torch.bfloat16): PyTorch's own mixed
precision (linear layers and matrix products in bfloat16, LayerNorm, softmax and the loss in float32, parameters
and Adam in float32), the peer at its best on a CPU with native bfloat16.

usage: fpt_step_torch.py [--shape gpt2-small|small] [--mode fpt|full|inference] [--autocast] [--threads N] [--warmup 3] [--steps 10] [--peak GFLOPS]
"""
import argparse
import ctypes
import math
import os
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

SHAPES = {  # name: (layers, d, heads, B, T, input dim, classes)
    "gpt2-small": (12, 768, 12, 8, 64, 48, 10),
    "small": (4, 256, 4, 8, 64, 48, 10),
}
POSITIONS = 1024
DROPOUT = 0.1


class Attention(nn.Module):
    def __init__(self, d, heads):
        super().__init__()
        self.heads = heads
        self.c_attn = nn.Linear(d, 3 * d)
        self.c_proj = nn.Linear(d, d)

    def forward(self, x, bias):
        b, t, c = x.shape
        hs = c // self.heads
        q, k, v = self.c_attn(x).view(b, t, 3, self.heads, hs).permute(2, 0, 3, 1, 4)
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(hs)) + bias
        att = F.dropout(att.softmax(-1), DROPOUT, self.training)
        y = (att @ v).transpose(1, 2).reshape(b, t, c)
        return F.dropout(self.c_proj(y), DROPOUT, self.training)


class Mlp(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.c_fc = nn.Linear(d, 4 * d)
        self.c_proj = nn.Linear(4 * d, d)

    def forward(self, x):
        return F.dropout(self.c_proj(F.gelu(self.c_fc(x), approximate="tanh")), DROPOUT, self.training)


class Block(nn.Module):
    def __init__(self, d, heads):
        super().__init__()
        self.ln_1 = nn.LayerNorm(d, eps=1e-5)
        self.attn = Attention(d, heads)
        self.ln_2 = nn.LayerNorm(d, eps=1e-5)
        self.mlp = Mlp(d)

    def forward(self, x, bias):
        x = x + self.attn(self.ln_1(x), bias)
        return x + self.mlp(self.ln_2(x))


class Fpt(nn.Module):
    def __init__(self, layers, d, heads, input_dim, classes):
        super().__init__()
        self.inp = nn.Linear(input_dim, d)
        nn.init.orthogonal_(self.inp.weight, gain=1.41)
        nn.init.zeros_(self.inp.bias)
        self.wpe = nn.Parameter(torch.randn(POSITIONS, d) * 0.02)
        self.h = nn.ModuleList(Block(d, heads) for _ in range(layers))
        self.ln_f = nn.LayerNorm(d, eps=1e-5)
        self.out = nn.Linear(d, classes)

    def forward(self, x, key_mask, readout):
        t = x.shape[1]
        x = F.dropout(self.inp(x) + self.wpe[:t], DROPOUT, self.training)
        causal = torch.triu(torch.full((t, t), -1e9), diagonal=1)
        bias = ((1 - key_mask) * -1e9).view(x.shape[0], 1, 1, t) + causal
        for block in self.h:
            x = block(x, bias)
        return self.out(readout @ self.ln_f(x)).view(-1, self.out.out_features)


def loaded_blas():
    """The BLAS libraries mapped into this process, and OpenBLAS's own config and kernel if it is one."""
    with open("/proc/self/maps") as maps:
        libs = sorted({line.split()[-1] for line in maps if "blas" in line or "mkl" in line or "lapack" in line})
    details = set()
    for lib in libs:
        try:
            handle = ctypes.CDLL(lib)
            handle.openblas_get_config.restype = ctypes.c_char_p
            handle.openblas_get_corename.restype = ctypes.c_char_p
            details.add(f"{handle.openblas_get_config().decode()}, kernel {handle.openblas_get_corename().decode()}")
        except (OSError, AttributeError):
            pass
    return libs, sorted(details)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--shape", default="gpt2-small", choices=SHAPES)
    parser.add_argument("--mode", default="fpt", choices=["fpt", "full", "inference"])
    parser.add_argument("--autocast", action="store_true", help="bfloat16 autocast on the CPU")
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--peak", type=float, default=None)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(42)
    layers, d, heads, b, t, input_dim, classes = SHAPES[args.shape]
    model = Fpt(layers, d, heads, input_dim, classes)
    if args.mode == "fpt":
        for block in model.h:
            block.attn.requires_grad_(False)
            block.mlp.requires_grad_(False)
    trainable = [p for p in model.parameters() if p.requires_grad]
    adam = torch.optim.Adam(trainable, lr=1e-3)
    x = torch.randn(b, t, input_dim)
    key_mask = torch.ones(b, t)
    readout = torch.zeros(b, 1, t)
    readout[:, 0, t - 1] = 1
    labels = torch.randint(classes, (b,))

    def autocast():
        return torch.autocast("cpu", dtype=torch.bfloat16, enabled=args.autocast)

    def train_step():
        model.train()
        with autocast():
            loss = F.cross_entropy(model(x, key_mask, readout), labels)
        adam.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(trainable, 1.0)
        adam.step()
        return loss.item()

    def inference():
        model.eval()
        with torch.no_grad(), autocast():
            return model(x, key_mask, readout)[0, 0].float().item()

    run = inference if args.mode == "inference" else train_step
    for _ in range(args.warmup):
        run()
    times = []
    cpu_start = time.process_time()
    for _ in range(args.steps):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1e3)
    median = statistics.median(times)
    cpu_ms = (time.process_time() - cpu_start) * 1e3 / args.steps

    # FLOPs of the matrix products, counted as in org.fpt.bench.StepFlops
    tokens = b * t
    proj = 2.0 * tokens * 12 * d * d * layers
    att = 4.0 * tokens * t * d * layers
    adapters = 2.0 * tokens * input_dim * d + 2.0 * b * d * classes
    flops = {"inference": proj + att + adapters, "fpt": 2 * proj + 3 * att + 2 * adapters,
             "full": 3 * proj + 3 * att + 2 * adapters}[args.mode]
    gflops = flops / (median / 1e3) / 1e9
    libs, details = loaded_blas()
    precision = "bf16 autocast" if args.autocast else "fp32"
    print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} threads, {precision}, OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')}")
    print(f"BLAS loaded: {', '.join(libs) or 'none found in /proc/self/maps'}")
    for detail in details:
        print(f"OpenBLAS: {detail}")
    print(f"shape {args.shape}, mode {args.mode}; trainable {sum(p.numel() for p in trainable):,} of {sum(p.numel() for p in model.parameters()):,} parameters")
    print(f"step: median {median:.1f} ms, mean {statistics.mean(times):.1f} ms, min {min(times):.1f} ms")
    print(f"process CPU time: {cpu_ms:.1f} ms per step (all threads); load average {' '.join(open('/proc/loadavg').read().split()[:3])}")
    print(f"tokens/s: {tokens / (median / 1e3):.0f}; achieved: {gflops:.1f} GFLOP/s ({flops / 1e9:.1f} GFLOP per step)")
    pct = f"{100 * gflops / args.peak:.2f}" if args.peak else "nan"
    if args.peak:
        print(f"peak: {args.peak:.0f} GFLOP/s -> {pct}% of peak")
    print(f"RESULT shape={args.shape} mode={args.mode} backend=pytorch-python precision={'bf16' if args.autocast else 'fp32'} median_ms={median:.2f} min_ms={min(times):.2f} cpu_ms={cpu_ms:.1f} "
          f"tokens_per_s={tokens / (median / 1e3):.0f} gflops={gflops:.2f} pct_peak={pct}")


if __name__ == "__main__":
    main()
