#!/usr/bin/env bash
# Alternates BN Lab's `bench` and PyTorch's training of the same network, one thread each, and
# prints every run, the medians, the median of the back-to-back ratios, and the whole step's GFLOP/s
# against the machine's single-thread sgemm peak measured at the end of the same run.
# Needs target/bnlab.jar (mvn -B -DskipTests package) and Debian's PyTorch and numpy:
# apt-get install python3-torch python3-numpy libopenblas0-pthread.
# Usage: bench/compare.sh [ROUNDS=5] [STEPS=2000]
#   BNLAB_JAVA_OPTS='-Dbnlab.vectorBits=256' bench/compare.sh ...   # the AVX2 (256-bit) path on an AVX-512 machine
#   OPENBLAS_CORETYPE=Haswell bench/compare.sh ...                   # PyTorch's BLAS on its AVX2 kernels
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
steps=${2:-2000}
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
# Debian's OpenBLAS 0.3.21 takes recent Xeons for a "Prescott" (SSE3 kernels, a fifth of the speed):
# on an AVX-512 machine the peer gets its AVX-512 kernels unless told otherwise.
avx512=$(grep -q ' avx512f' /proc/cpuinfo && echo yes || true)
if [ -z "${OPENBLAS_CORETYPE:-}" ] && [ -n "$avx512" ]; then export OPENBLAS_CORETYPE=SkylakeX; fi
# A core type set in the environment is kept (that is how to pit the peer's AVX2 kernels against the 256-bit
# path), but some machines set one for everything: say so when it keeps the peer off its AVX-512 kernels.
case "${OPENBLAS_CORETYPE:-}" in
  SkylakeX|Cooperlake|SapphireRapids|'') ;;
  *) if [ -n "$avx512" ]; then
       echo "# note: OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE from the environment: PyTorch runs OpenBLAS's $OPENBLAS_CORETYPE kernels on this AVX-512 machine, not its fastest; 'env -u OPENBLAS_CORETYPE bench/compare.sh' for those" >&2
     fi ;;
esac
out=$(mktemp -d)
# one step of the Figure 1 network: forward X W (784-100-100-100-10), dW = X^T dZ, dX = dZ W^T (not the first layer)
step_mflop=$(awk 'BEGIN { m = 60; f = 2*m*(784*100 + 100*100 + 100*100 + 100*10); print (2*f + 2*m*(100*100 + 100*100 + 10*100)) / 1e6 }')
for r in $(seq "$rounds"); do
  # plain `java -jar`: the jar restarts itself with the Vector API module (README, "Set up")
  java ${BNLAB_JAVA_OPTS:-} -jar target/bnlab.jar bench --steps "$steps" --rounds 1 2>/dev/null > "$out/run"
  grep '^# kernels' "$out/run" | head -1 > "$out/kernels"
  grep '^bench ' "$out/run" | sed 's/^bench /bench impl=bnlab /' | tee -a "$out/all"
  /usr/bin/python3 bench/torch_bench.py --steps "$steps" | grep '^bench ' | tee -a "$out/all"
done
echo "# medians over $rounds alternating runs ($(nproc --all) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
     "BN Lab $(sed 's/^# //' "$out/kernels" | cut -d';' -f1), OpenBLAS core ${OPENBLAS_CORETYPE:-auto})"
for impl in bnlab torch; do
  for model in plain bn; do
    grep "impl=$impl model=$model " "$out/all" | sed 's/.*steps_per_s=//' | sort -n \
      | awk -v i="$impl" -v m="$model" '{v[NR]=$1} END {med = NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2; printf "median impl=%s model=%s steps_per_s=%.1f (n=%d)\n", i, m, med, NR}' \
      | tee -a "$out/medians"
  done
done
# Each BN Lab run and the PyTorch run right after it saw about the same machine: the median of these
# back-to-back ratios is steadier than the ratio of the medians when the host is noisy.
for model in plain bn; do
  paste -d' ' <(grep "impl=bnlab model=$model " "$out/all" | sed 's/.*steps_per_s=//') \
              <(grep "impl=torch model=$model " "$out/all" | sed 's/.*steps_per_s=//') \
    | awk '{print $1 / $2}' | sort -n \
    | awk -v m="$model" '{v[NR]=$1} END {med = NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2; printf "median pair ratio model=%s bnlab/torch=%.2f (n=%d, from %.2f to %.2f)\n", m, med, NR, v[1], v[NR]}'
done
# The whole step (products, BN, sigmoid, loss, update) in GFLOP/s of its products, against single-thread
# OpenBLAS sgemm at 1024^3 measured now. Dense-equivalent: BN Lab's first layer skips the zero
# pixels (BNLAB_JAVA_OPTS=-Dbnlab.sparseInput=false runs the dense products), so it does fewer flops than this.
peak=$(/usr/bin/python3 bench/sgemm.py --rounds 5 peak:1024x1024x1024 | sed 's/.*gflops_median=\([0-9.]*\).*/\1/')
for impl in bnlab torch; do
  sps=$(grep "median impl=$impl model=bn " "$out/medians" | sed 's/.*steps_per_s=\([0-9.]*\).*/\1/')
  awk -v i="$impl" -v s="$sps" -v f="$step_mflop" -v p="$peak" 'BEGIN { g = s * f / 1e3; printf "step impl=%s model=bn gflops=%.1f (%.1f MFLOP x %.0f steps/s, dense-equivalent) = %.0f%% of sgemm peak %.1f GFLOP/s\n", i, g, f, s, 100 * g / p, p }'
done
rm -rf "$out"
