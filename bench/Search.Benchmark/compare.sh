#!/bin/bash
# Runs our samplers and pruners (bench/Search.Benchmark, in-process) and Optuna's (../shared/bench/search_optuna.py,
# Debian python3-optuna 3.1.0) on the same functions, trials and seeds, prints both tables and then the issue's
# comparison: median over seeds of the best value after 30 and 60 trials, and the learning-curve budgets.
#   bench/Search.Benchmark/compare.sh [trials 60] [seeds 10]
# OURS_ARGS passes options to ours, e.g. OURS_ARGS=--univariate for Optuna 3.1's default model (see Program.cs).
# Seeds are the same numbers, not the same random draws (each library derives its own), so cells differ by the noise
# of a median over that many seeds: use more seeds (e.g. 40) to compare the algorithms rather than the draws.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
reference=${REFERENCE_DIR:-$root/../shared/bench}
trials=${1:-60}
seeds=${2:-10}
dotnet build -c Release "$root/bench/Search.Benchmark" -v q -nologo >/dev/null
log=$(mktemp -d)
start=$(date +%s.%N)
dotnet "$root/bench/Search.Benchmark/bin/Release/net10.0/Search.Benchmark.dll" --trials "$trials" --seeds "$seeds" ${OURS_ARGS:-} --out "$log/ours.json" | tee "$log/ours.txt"
middle=$(date +%s.%N)
echo
/usr/bin/python3 "$reference/search_optuna.py" --trials "$trials" --seeds "$seeds" --out "$log/optuna.json" | tee "$log/optuna.txt"
end=$(date +%s.%N)
echo
/usr/bin/python3 - "$log" "$trials" "$start" "$middle" "$end" <<'PY'
import json, sys
log, trials, start, middle, end = sys.argv[1], int(sys.argv[2]), *map(float, sys.argv[3:])
ours, optuna = json.load(open(f"{log}/ours.json")), json.load(open(f"{log}/optuna.json"))
mid = str(min(30, trials))
print(f"median best value (ours / Optuna)   random@{mid}            TPE@{mid}               TPE@{trials}")
for name in ["branin", "hartmann6", "mixed"]:
    cells = []
    for sampler, k in [("random", mid), ("tpe", mid), ("tpe", str(trials))]:
        a, b = ours[f"{name}/{sampler}"]["median_best_after"][k], optuna[f"{name}/{sampler}"]["median_best_after"][k]
        mark = "" if sampler == "random" else ("  ok" if a <= b else "  worse")
        cells.append(f"{a:+.4f} / {b:+.4f}{mark}".ljust(27))
    print(f"{name:10s} (optimum {ours[f'{name}/tpe']['optimum']:+.3f})   " + "".join(cells))
full = ours["curves/none"]["full_budget"]
for who, r in [("ours", ours), ("Optuna", optuna)]:
    n, m, a = r["curves/none"], r["curves/median"], r["curves/asha"]
    print(f"curves {who:6s}: full {n['median_epochs_spent']:.0f} epochs, best {n['median_best_final']:.4f}; median {m['median_epochs_spent']:.0f} "
          f"({m['median_epochs_spent'] / full:.0%}), best {m['median_best_final']:.4f}; asha {a['median_epochs_spent']:.0f} "
          f"({a['median_epochs_spent'] / full:.0%}), best {a['median_best_final']:.4f} ({a['median_best_final'] / n['median_best_final'] - 1:+.0%} of full)")
print(f"wall time: ours {middle - start:.1f} s (with start-up), Optuna {end - middle:.1f} s; logs in {log}")
PY
