#!/bin/bash
# Runs our CD-1 throughput benchmark and the reference implementations (../shared/bench: PyTorch rbm_torch.py and
# scikit-learn's BernoulliRBM) alternately on this machine, and prints each round and the median ratios.
#   bench/Rbm.Benchmark/compare.sh [rounds]
# All three: 784x256, batch 64, 2 threads, binarised Fashion-MNIST; throughput = training samples/s after the first
# epoch (ours and PyTorch: mean of epochs 2-3; scikit-learn: its whole fit of 3 iterations, as its script reports).
# The machine is shared: alternate, take the median, and say which machine gave the numbers.
# BASELINE_ROOT=DIR also runs the benchmark of another checkout of this repository (the commit before a change, built
# with dotnet build -c Release DIR/bench/Rbm.Benchmark) in every round, and prints its ratios beside ours.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
reference=${REFERENCE_DIR:-$root/../shared/bench}
rounds=${1:-3}
dotnet build -c Release "$root/bench/Rbm.Benchmark" -v q -nologo >/dev/null
bench="$root/bench/Rbm.Benchmark/bin/Release/net10.0/Rbm.Benchmark.dll"
# run-reference.sh sets up the reference's OpenBLAS; reuse its environment for the shorter runs below.
bash "$reference/run-reference.sh" compute >/dev/null 2>&1 || true
export LD_LIBRARY_PATH=${XDG_CACHE_HOME:-$HOME/.cache}/reference-openblas/usr/lib/x86_64-linux-gnu/openblas-openmp
log=$(mktemp -d)
for round in $(seq 1 "$rounds"); do
  run_ours() { dotnet "$bench" throughput --epochs 3 --threads 2 > "$log/ours_$round.txt"; }
  run_base() { dotnet "$BASELINE_ROOT/bench/Rbm.Benchmark/bin/Release/net10.0/Rbm.Benchmark.dll" throughput --epochs 3 --threads 2 > "$log/base_$round.txt"; }
  # With a baseline, ours and it run next to each other, each first in every other round (the machine's speed drifts).
  if [ -z "${BASELINE_ROOT:-}" ]; then run_ours; elif [ $((round % 2)) = 1 ]; then run_ours; run_base; else run_base; run_ours; fi
  /usr/bin/python3 "$reference/rbm_torch.py" --threads 2 --methods cd --epochs 3 --skip-tiny --ais-runs 2 > "$log/torch_$round.txt" 2>&1
  /usr/bin/python3 "$reference/rbm_sklearn.py" --threads 2 --n-iter 3 --no-ais > "$log/sklearn_$round.txt" 2>&1
  echo "round $round"
  for who in ours torch sklearn; do echo "  $(grep '^SUMMARY' "$log/${who}_$round.txt")"; done
  [ -n "${BASELINE_ROOT:-}" ] && echo "  baseline: $(grep '^SUMMARY' "$log/base_$round.txt")"
done
echo "logs: $log"
/usr/bin/python3 - "$log" "$rounds" <<'PY'
import re, statistics, sys
log, rounds = sys.argv[1], int(sys.argv[2])
def rate(who, r):
    text = open(f"{log}/{who}_{r}.txt").read()
    pattern = {"ours": r"(\d+) samples/s \(steady", "base": r"(\d+) samples/s \(steady", "torch": r"cd: (\d+) samples/s", "sklearn": r"= (\d+) samples/s"}[who]
    return float(re.search(pattern, text).group(1))
torch_ratios, sklearn_ratios = [], []
for r in range(1, rounds + 1):
    ours, torch, sk = rate("ours", r), rate("torch", r), rate("sklearn", r)
    torch_ratios.append(ours / torch); sklearn_ratios.append(ours / sk)
    print(f"round {r}: ours {ours:.0f}, PyTorch {torch:.0f}, scikit-learn {sk:.0f} samples/s -> {ours/torch:.2f}x PyTorch, {ours/sk:.2f}x scikit-learn")
print(f"median over {rounds} rounds: {statistics.median(torch_ratios):.2f}x PyTorch, {statistics.median(sklearn_ratios):.2f}x scikit-learn")
import os
if os.path.exists(f"{log}/base_1.txt"):
    base_torch = [rate("base", r) / rate("torch", r) for r in range(1, rounds + 1)]
    base_sk = [rate("base", r) / rate("sklearn", r) for r in range(1, rounds + 1)]
    print(f"baseline ({os.environ.get('BASELINE_ROOT')}): median {statistics.median(base_torch):.2f}x PyTorch, {statistics.median(base_sk):.2f}x scikit-learn "
          f"(rounds vs PyTorch: baseline {', '.join(f'{v:.2f}' for v in base_torch)}; ours {', '.join(f'{v:.2f}' for v in torch_ratios)})")
PY
