#!/usr/bin/env bash
# Alternates BN Lab's `bench` and PyTorch's training of the same network, one thread each, and
# prints every run and the medians. Needs target/bnlab.jar (mvn -B -DskipTests package) and
# Debian's PyTorch: apt-get install python3-torch libopenblas0-pthread.
# Usage: bench/compare.sh [ROUNDS=5] [STEPS=2000]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
steps=${2:-2000}
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
out=$(mktemp -d)
for r in $(seq "$rounds"); do
  java --add-modules jdk.incubator.vector -jar target/bnlab.jar bench --steps "$steps" --rounds 1 2>/dev/null \
    | grep '^bench ' | sed 's/^bench /bench impl=bnlab /' | tee -a "$out/all"
  /usr/bin/python3 bench/torch_bench.py --steps "$steps" | grep '^bench ' | tee -a "$out/all"
done
echo "# medians over $rounds alternating runs ($(nproc --all) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))"
for impl in bnlab torch; do
  for model in plain bn; do
    grep "impl=$impl model=$model " "$out/all" | sed 's/.*steps_per_s=//' | sort -n \
      | awk -v i="$impl" -v m="$model" '{v[NR]=$1} END {med = NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2; printf "median impl=%s model=%s steps_per_s=%.1f (n=%d)\n", i, m, med, NR}'
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
rm -rf "$out"
