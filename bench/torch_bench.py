#!/usr/bin/python3
"""PyTorch peer benchmark: training steps per second of the paper's Figure 1 network on one CPU thread.

Network 784-100-100-100-10, sigmoid hidden layers, softmax cross-entropy, plain SGD (lr 0.5, no
momentum), batch 60, weights N(0, 0.01^2). In the BN model each hidden Linear has no bias and is
followed by BatchNorm1d, then the sigmoid. One step = forward, backward, SGD update, on one fixed
60-row batch from Fashion-MNIST t10k (random data of the same shape if the files are absent).

Run with Debian's interpreter, which has torch:
    /usr/bin/python3 bench/torch_bench.py --steps 2000
Prints one line per model, e.g.
    bench impl=torch model=plain threads=1 steps_per_s=2512.3
"""
import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before torch loads its BLAS
os.environ.setdefault("OMP_NUM_THREADS", "1")
# Debian's OpenBLAS 0.3.21 does not know recent Xeons (e.g. family 6 model 207) and falls back to its
# "Prescott" SSE3 kernels; the peer gets its AVX-512 kernels there (bench/sgemm.py: 25 -> 130 GFLOP/s).
if "OPENBLAS_CORETYPE" not in os.environ and " avx512f" in open("/proc/cpuinfo").read():
    os.environ["OPENBLAS_CORETYPE"] = "SkylakeX"

import argparse
import gzip
import statistics
import time

import torch
import torch.nn as nn

DATA = "/usr/share/datasets/fashion-mnist"
SIZES = [784, 100, 100, 100, 10]
BATCH = 60


def load_batch(seed):
    """60 images (scaled to [0, 1]) and labels drawn from t10k, or random stand-ins of the same shape."""
    g = torch.Generator().manual_seed(seed)
    images = os.path.join(DATA, "t10k-images-idx3-ubyte.gz")
    labels = os.path.join(DATA, "t10k-labels-idx1-ubyte.gz")
    if os.path.exists(images) and os.path.exists(labels):
        with gzip.open(images, "rb") as f:
            x = torch.frombuffer(bytearray(f.read()[16:]), dtype=torch.uint8).view(-1, 784)
        with gzip.open(labels, "rb") as f:
            y = torch.frombuffer(bytearray(f.read()[8:]), dtype=torch.uint8).long()
        idx = torch.randperm(x.shape[0], generator=g)[:BATCH]
        return x[idx].float() / 255.0, y[idx], "fashion-mnist"
    return torch.rand(BATCH, 784, generator=g), torch.randint(0, 10, (BATCH,), generator=g), "random"


def build(bn, seed):
    torch.manual_seed(seed)
    layers = []
    for i, (n_in, n_out) in enumerate(zip(SIZES, SIZES[1:])):
        hidden = i < len(SIZES) - 2
        linear = nn.Linear(n_in, n_out, bias=not (bn and hidden))
        nn.init.normal_(linear.weight, 0.0, 0.01)
        if linear.bias is not None:
            nn.init.zeros_(linear.bias)
        layers.append(linear)
        if hidden:
            if bn:
                layers.append(nn.BatchNorm1d(n_out))
            layers.append(nn.Sigmoid())
    return nn.Sequential(*layers)  # the last Linear gives logits; CrossEntropyLoss applies the softmax


def steps_per_second(model, x, y, steps, warmup):
    model.train()
    opt = torch.optim.SGD(model.parameters(), lr=0.5, momentum=0.0)
    loss_fn = nn.CrossEntropyLoss()

    def step():
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        return loss

    for _ in range(warmup):
        step()
    t0 = time.perf_counter()
    for _ in range(steps):
        loss = step()
    elapsed = time.perf_counter() - t0
    if not torch.isfinite(loss):
        raise SystemExit("loss is not finite")
    return steps / elapsed


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--steps", type=int, default=2000, help="timed steps per repetition")
    ap.add_argument("--warmup", type=int, default=200)
    ap.add_argument("--repeats", type=int, default=3, help="timed repetitions; the median is printed")
    ap.add_argument("--models", default="plain,bn")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    torch.set_num_threads(1)
    x, y, source = load_batch(args.seed)
    print(f"# torch {torch.__version__} data={source} batch={BATCH} threads={torch.get_num_threads()}")
    for name in args.models.split(","):
        model = build(bn=(name == "bn"), seed=args.seed)
        rates = [steps_per_second(model, x, y, args.steps, args.warmup) for _ in range(args.repeats)]
        print(f"bench impl=torch model={name} threads=1 steps_per_s={statistics.median(rates):.1f}", flush=True)


if __name__ == "__main__":
    main()
