#!/bin/bash
# The search through the whole product: each sweep in bench/Search.Benchmark/sweeps runs with `fw run` (launcher,
# one host process and MLflow child run per trial, proposals and pruning decided from the store), for each seed given;
# prints the best value found and, for the learning curves, the epochs spent against the full budget.
#   bench/Search.Benchmark/end-to-end.sh [seeds 1] [parallel 1]
# The in-process benchmark (compare.sh) measures the algorithms over many seeds; this one shows the same search works
# end to end, and how long a trial process costs.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
seeds=${1:-1}
parallel=${2:-1}
dotnet build -c Release "$root/host/Framework.Host" -v q -nologo >/dev/null
dotnet build -c Release "$root/tests/TestPlugins/FixtureObjective" -v q -nologo >/dev/null
plugin="$root/tests/TestPlugins/FixtureObjective/bin/Release/net10.0"
work=$(mktemp -d)
echo "work folder: $work"
for seed in $(seq 0 $((seeds - 1))); do
  for name in branin hartmann6 mixed curves; do
    start=$(date +%s.%N)
    (cd "$work" && OMP_WAIT_POLICY=PASSIVE dotnet "$root/host/Framework.Host/bin/Release/net10.0/Framework.Host.dll" run \
      "$root/bench/Search.Benchmark/sweeps/$name.yaml" --plugins "$plugin" --set "sweep.seed=$seed" --set "sweep.parallel=$parallel" \
      > "$work/$name-$seed.log" 2>&1) || { echo "$name seed $seed failed: see $work/$name-$seed.log"; exit 1; }
    end=$(date +%s.%N)
    /usr/bin/python3 - "$work/mlflow.db" "$name" "$seed" "$start" "$end" <<'PY'
import sqlite3, sys
db, name, seed, start, end = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
c = sqlite3.connect(db)
exp = c.execute("select experiment_id from experiments where name = ?", (name,)).fetchone()[0]
parents = c.execute("""select r.run_uuid from runs r join tags t on t.run_uuid = r.run_uuid
                       where r.experiment_id = ? and t.key = 'framework.sweep.parent' order by r.start_time""", (exp,)).fetchall()
parent = parents[seed][0] if len(parents) > seed else parents[-1][0]
children = [r[0] for r in c.execute("select run_uuid from tags where key = 'mlflow.parentRunId' and value = ?", (parent,))]
best, epochs, pruned = float("inf"), 0, 0
for run in children:
    status = c.execute("select status from runs where run_uuid = ?", (run,)).fetchone()[0]
    epochs += c.execute("select count(*) from metrics where run_uuid = ? and key = 'epoch'", (run,)).fetchone()[0]
    if status == "FINISHED":
        v = c.execute("select value from latest_metrics where run_uuid = ? and key = 'test/objective'", (run,)).fetchone()
        best = min(best, v[0])
    elif status == "KILLED":
        pruned += 1
line = f"{name:10s} seed {seed}: {len(children)} trials, best {best:+.4f}, {end - start:.0f} s ({(end - start) / max(len(children), 1):.1f} s per trial)"
if name == "curves":
    line += f", {epochs} of {27 * len(children)} epochs ({epochs / (27 * len(children)):.0%}), {pruned} pruned"
print(line)
PY
  done
done
