#!/usr/bin/env python3
"""The peer's side of `bench.sh gemm`: the same frozen linear layer (default 512 x 768 -> 3072, bias) in PyTorch,
forward and forward+backward with the gradient to the input only, in fp32 and under bfloat16 autocast.

usage: gemm_torch.py [--rows 512] [--in 768] [--out 3072] [--threads N] [--steps 20]
"""
import argparse
import os
import time

import torch


def timed(run, steps):
    for _ in range(3):
        run()
    times = []
    for _ in range(steps):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1e3)
    times.sort()
    return times[0], times[len(times) // 2]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=512)
    parser.add_argument("--in", dest="inputs", type=int, default=768)
    parser.add_argument("--out", type=int, default=3072)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--steps", type=int, default=20)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    layer = torch.nn.Linear(args.inputs, args.out).requires_grad_(False)
    x = torch.randn(args.rows, args.inputs)
    dy = torch.randn(args.rows, args.out)
    gflop = 2.0 * args.rows * args.inputs * args.out / 1e9
    for precision in ("fp32", "bf16"):
        autocast = lambda: torch.autocast("cpu", dtype=torch.bfloat16, enabled=precision == "bf16")

        def forward():
            with torch.no_grad(), autocast():
                layer(x)[0, 0].item()

        def backward():
            xg = x.clone().requires_grad_(True)
            with autocast():
                y = layer(xg)
            (y.float() * dy).sum().backward()
            xg.grad[0, 0].item()

        fwd = timed(forward, args.steps)
        bwd = timed(backward, args.steps)
        print(f"PyTorch {torch.__version__} {precision}{' autocast' if precision == 'bf16' else ''}, {torch.get_num_threads()} threads: "
              f"forward best {fwd[0]:.2f} ms = {gflop / fwd[0] * 1e3:.0f} GFLOP/s, median {fwd[1]:.2f} ms; "
              f"forward+backward best {bwd[0]:.2f} ms = {2 * gflop / bwd[0] * 1e3:.0f} GFLOP/s, median {bwd[1]:.2f} ms")
        print(f"RESULT gemm={args.rows}x{args.inputs}x{args.out} backend=pytorch-python precision={precision} "
              f"fwd_best_ms={fwd[0]:.3f} fwd_median_ms={fwd[1]:.3f} fwdbwd_best_ms={bwd[0]:.3f} fwdbwd_median_ms={bwd[1]:.3f}")


if __name__ == "__main__":
    main()
