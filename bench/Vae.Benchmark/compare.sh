#!/bin/bash
# Runs the PyTorch reference (../shared/bench/vae.py through run-reference.sh) and this benchmark alternately, on the
# same machine, and prints each round's throughput and peak memory and the median ratio.
#   bench/Vae.Benchmark/compare.sh [rounds] [speed|full|bin]
#     speed: 3 epochs, no IWAE (run-reference.sh vae-speed)      full: 10 epochs, IWAE k=500 (vae)
#     bin:   10 epochs, binarised, IWAE k=100 (vae-bin)
# The machine is shared: alternate, take the median, and say which machine gave the numbers. Besides the reference's own
# figure (mean of the epochs after the first) it prints the fastest epoch of each run, the one least disturbed by others.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
reference=${REFERENCE_DIR:-$root/../shared/bench}
rounds=${1:-3}
mode=${2:-speed}
case "$mode" in
  speed) ours_args="--epochs 3 --iwae-k 0 --eval-epochs 1"; ref_mode=vae-speed ;;
  full)  ours_args="--epochs 10 --iwae-k 500"; ref_mode=vae ;;
  bin)   ours_args="--epochs 10 --iwae-k 100 --binarize"; ref_mode=vae-bin ;;
  *) echo "usage: $0 [rounds] [speed|full|bin]" >&2; exit 2 ;;
esac
dotnet build -c Release "$root/bench/Vae.Benchmark" -v q -nologo >/dev/null
bench="$root/bench/Vae.Benchmark/bin/Release/net10.0/Vae.Benchmark.dll"
log=$(mktemp -d)
for round in $(seq 1 "$rounds"); do
  dotnet "$bench" --threads 2 $ours_args --tag "ours_$mode" > "$log/ours_$round.txt"
  bash "$reference/run-reference.sh" "$ref_mode" > "$log/ref_$round.txt" 2>/dev/null
  ours=$(grep '^SUMMARY' "$log/ours_$round.txt"); ref=$(grep '^SUMMARY' "$log/ref_$round.txt")
  echo "round $round"
  echo "  ours:      ${ours#SUMMARY }"
  echo "  reference: ${ref#SUMMARY }"
done
echo "logs: $log"
/usr/bin/python3 - "$log" "$rounds" <<'PY'
import re, statistics, sys
log, rounds = sys.argv[1], int(sys.argv[2])
def summary(path):
    text = open(path).read()
    epochs = [float(t) for t in re.findall(r"^epoch \d+: ([0-9.]+)s", text, re.M)]
    steady = epochs[1:] if len(epochs) > 1 else epochs
    return (float(re.search(r"steady (\d+)", text).group(1)), 60000 / min(steady),
            float(re.search(r"peakRSS=(\d+)", text).group(1)))
mean_ratio, best_ratio, memory = [], [], []
for r in range(1, rounds + 1):
    (o, ob, om), (f, fb, fm) = summary(f"{log}/ours_{r}.txt"), summary(f"{log}/ref_{r}.txt")
    mean_ratio.append(o / f); best_ratio.append(ob / fb); memory.append(om / fm)
    print(f"round {r}: mean of steady epochs: ours {o:.0f}, reference {f:.0f} samples/s (ratio {o / f:.2f}); "
          f"fastest epoch: ours {ob:.0f}, reference {fb:.0f} samples/s (ratio {ob / fb:.2f}); "
          f"peak RSS ours {om:.0f} MB, reference {fm:.0f} MB")
print(f"median over {rounds} rounds: throughput ratio (ours / reference) {statistics.median(mean_ratio):.2f} by mean of steady epochs, "
      f"{statistics.median(best_ratio):.2f} by fastest epoch; peak-RSS ratio {statistics.median(memory):.2f}")
PY
