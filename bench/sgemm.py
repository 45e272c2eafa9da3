#!/usr/bin/python3
"""Single-thread OpenBLAS sgemm (through numpy) on given shapes: the hardware reference for KernelBench
and compare.sh.

    /usr/bin/python3 bench/sgemm.py [--rounds 15] [SHAPE ...]

SHAPE is gemm:MxKxN (C = A B, A m x k) or tn:MxKxN (C = A^T B with A m x k, as the engine's dW = X^T dZ;
numpy hands the transposed operand to sgemm without a copy). Default: the Figure 1 network's products
and a 1024^3 product, whose figure is printed as the peak. One line per shape:
    sgemm op=gemm shape=60x784x100 gflops_median=... gflops_best=...
Debian's numpy uses the libblas.so.3 alternative, OpenBLAS with libopenblas0-pthread installed.
"""
import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy loads its BLAS
os.environ.setdefault("OMP_NUM_THREADS", "1")
# Debian's OpenBLAS 0.3.21 does not know recent Xeons (e.g. family 6 model 207) and falls back to its
# "Prescott" SSE3 kernels: 25 instead of 130 GFLOP/s at 1024^3. Give it its AVX-512 kernels there.
if "OPENBLAS_CORETYPE" not in os.environ and " avx512f" in open("/proc/cpuinfo").read():
    os.environ["OPENBLAS_CORETYPE"] = "SkylakeX"

import argparse
import statistics
import time

import numpy as np

FIG1 = ["gemm:60x784x100", "gemm:60x100x100", "gemm:60x100x10", "gemm:60x10x100",
        "tn:60x784x100", "tn:60x100x100", "tn:60x100x10", "gemm:8x5x8"]


def measure(op, m, k, n, rounds, seconds=0.02):
    rng = np.random.default_rng(1)
    a = rng.standard_normal((m, k), dtype=np.float32)
    b = rng.standard_normal((k, n) if op == "gemm" else (m, n), dtype=np.float32)
    c = np.empty((m, n) if op == "gemm" else (k, n), dtype=np.float32)
    f = (lambda: np.matmul(a, b, out=c)) if op == "gemm" else (lambda: np.matmul(a.T, b, out=c))
    flops = 2.0 * m * k * n
    t0 = time.process_time()
    while time.process_time() - t0 < 0.2:  # warm-up
        f()
    out = []
    for _ in range(rounds):
        calls, t0 = 0, time.process_time()
        while True:
            for _ in range(8):
                f()
            calls += 8
            t = time.process_time() - t0
            if t >= seconds:
                break
        out.append(flops * calls / t / 1e9)
    return statistics.median(out), max(out)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--rounds", type=int, default=15)
    p.add_argument("shapes", nargs="*")
    args = p.parse_args()
    shapes = args.shapes or FIG1 + ["peak:1024x1024x1024"]
    for s in shapes:
        op, dims = s.split(":")
        m, k, n = (int(v) for v in dims.split("x"))
        med, best = measure("gemm" if op == "peak" else op, m, k, n, args.rounds if op != "peak" else 5,
                            0.02 if op != "peak" else 0.3)
        print(f"sgemm op={op} shape={dims} gflops_median={med:.1f} gflops_best={best:.1f}", flush=True)


if __name__ == "__main__":
    main()
