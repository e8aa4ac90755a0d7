#!/bin/bash
# Runs the PyTorch reference (../shared/bench/vae.py through run-reference.sh) and this benchmark alternately, on the
# same machine, and prints each round's throughput and peak memory and the median ratio.
#   bench/Vae.Benchmark/compare.sh [rounds] [speed|full|bin]
#     speed: 3 epochs, no IWAE (run-reference.sh vae-speed)      full: 10 epochs, IWAE k=500 (vae)
#     bin:   10 epochs, binarised, IWAE k=100 (vae-bin)
# The machine is shared: alternate, take the median, and say which machine gave the numbers.
# SEED_PER_ROUND=1 gives round r the seed r on both sides (likelihoods over several seeds: means and spreads printed).
# BASELINE_ROOT=DIR also runs the benchmark of another checkout of this repository (the commit before a change, built
# with dotnet build -c Release DIR/bench/Vae.Benchmark) in every round, and prints its ratio beside ours.
# OURS_ARGS adds options to our side only, e.g. the experiment files' schedule:
#   OURS_ARGS="--lr 0.004 --lr-schedule cosine --final-lr-factor 0.05"
# Besides the reference's own
# figure (mean of the epochs after the first) it prints the fastest epoch of each run, the one least disturbed by others.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
reference=${REFERENCE_DIR:-$root/../shared/bench}
rounds=${1:-3}
mode=${2:-speed}
case "$mode" in
  speed) ours_args="--epochs 3 --iwae-k 0 --eval-epochs 1"; ref_mode=vae-speed; ref_args="--threads 2 --epochs 3 --iwae-k 0 --eval-epochs 1 --tag vae_speed" ;;
  full)  ours_args="--epochs 10 --iwae-k 500"; ref_mode=vae; ref_args="--threads 2 --epochs 10 --iwae-k 500" ;;
  bin)   ours_args="--epochs 10 --iwae-k 100 --binarize"; ref_mode=vae-bin; ref_args="--threads 2 --epochs 10 --iwae-k 100 --binarize --tag vae_bin" ;;
  *) echo "usage: $0 [rounds] [speed|full|bin]" >&2; exit 2 ;;
esac
dotnet build -c Release "$root/bench/Vae.Benchmark" -v q -nologo >/dev/null
bench="$root/bench/Vae.Benchmark/bin/Release/net10.0/Vae.Benchmark.dll"
log=$(mktemp -d)
for round in $(seq 1 "$rounds"); do
  seed_args=""; [ "${SEED_PER_ROUND:-0}" = 1 ] && seed_args="--seed $round"
  run_ours() { dotnet "$bench" --threads 2 $ours_args ${OURS_ARGS:-} $seed_args --tag "ours_$mode" > "$log/ours_$round.txt"; }
  run_base() { dotnet "$BASELINE_ROOT/bench/Vae.Benchmark/bin/Release/net10.0/Vae.Benchmark.dll" \
    --threads 2 $ours_args ${OURS_ARGS:-} $seed_args --tag "baseline_$mode" > "$log/base_$round.txt"; }
  # With a baseline, ours and it run next to each other, each first in every other round, so neither always follows
  # the reference (the machine's speed drifts, and what ran just before matters).
  if [ -z "${BASELINE_ROOT:-}" ]; then run_ours; elif [ $((round % 2)) = 1 ]; then run_ours; run_base; else run_base; run_ours; fi
  if [ -n "$seed_args" ]; then
    # run-reference.sh takes no seed: the same command as its mode, with --seed, in the environment it sets up.
    [ "$round" = 1 ] && bash "$reference/run-reference.sh" compute >/dev/null 2>&1
    LD_LIBRARY_PATH=${XDG_CACHE_HOME:-$HOME/.cache}/reference-openblas/usr/lib/x86_64-linux-gnu/openblas-openmp \
      /usr/bin/python3 "$reference/vae.py" $ref_args $seed_args > "$log/ref_$round.txt" 2>/dev/null
  else
    bash "$reference/run-reference.sh" "$ref_mode" > "$log/ref_$round.txt" 2>/dev/null
  fi
  ours=$(grep '^SUMMARY' "$log/ours_$round.txt"); ref=$(grep '^SUMMARY' "$log/ref_$round.txt")
  echo "round $round"
  echo "  ours:      ${ours#SUMMARY }"
  echo "  reference: ${ref#SUMMARY }"
  [ -n "${BASELINE_ROOT:-}" ] && echo "  baseline:  $(grep '^SUMMARY' "$log/base_$round.txt" | sed 's/^SUMMARY //')"
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
def figures(path):
    text = open(path).read()
    elbo = float(re.findall(r"test -ELBO@\[[^\]]*\]=\[([^\]]*)\]", text)[0].split(",")[-1])
    iwae = re.search(r"logp=(-?[0-9.]+|nan|NaN)", text).group(1)
    return elbo, float(iwae)
ours_fig = [figures(f"{log}/ours_{r}.txt") for r in range(1, rounds + 1)]
ref_fig = [figures(f"{log}/ref_{r}.txt") for r in range(1, rounds + 1)]
for name, i in (("test -ELBO", 0), ("IWAE log-likelihood", 1)):
    o = [f[i] for f in ours_fig]; f_ = [f[i] for f in ref_fig]
    if all(v == v for v in o + f_):
        spread = lambda v: statistics.stdev(v) if len(v) > 1 else float("nan")
        print(f"{name} over {rounds} rounds: ours {statistics.mean(o):.2f} (sd {spread(o):.2f}; {', '.join(f'{v:.2f}' for v in o)}), "
              f"reference {statistics.mean(f_):.2f} (sd {spread(f_):.2f}; {', '.join(f'{v:.2f}' for v in f_)})")
print(f"median over {rounds} rounds: throughput ratio (ours / reference) {statistics.median(mean_ratio):.2f} by mean of steady epochs, "
      f"{statistics.median(best_ratio):.2f} by fastest epoch; peak-RSS ratio {statistics.median(memory):.2f}")
import os
if os.path.exists(f"{log}/base_1.txt"):
    base = [summary(f"{log}/base_{r}.txt")[0] / summary(f"{log}/ref_{r}.txt")[0] for r in range(1, rounds + 1)]
    print(f"baseline ({os.environ.get('BASELINE_ROOT')}): median throughput ratio (baseline / reference) {statistics.median(base):.2f} "
          f"by mean of steady epochs (rounds: {', '.join(f'{v:.2f}' for v in base)}; ours: {', '.join(f'{v:.2f}' for v in mean_ratio)})")
PY
