#!/bin/bash
# Training throughput and sampling time of our GAN and DDPM against the PyTorch references (../shared/bench/gan.py and
# ddpm.py, as run-reference.sh gan-speed and ddpm-speed run them), alternately on the same machine, median ratio.
#   bench/Generative/compare.sh gan|ddpm|ddim [rounds]
#     gan:  experiments/gan-fashion-mnist.yaml for 1 epoch, then 10,000 samples (batch 500 on both sides)
#     ddpm: experiments/diffusion-fashion-mnist.yaml for 1 epoch, then 100 ancestral samples with 1,000 steps
#     ddim: the same epoch, then 100 DDIM samples with 100 steps (eta 0, as the reference's DDIM)
# Both sides run the real thing as a user would: ours is the host process on the shipped experiment file (data loading,
# MLflow tracking and checkpoints included), the reference its script. Throughput is training images per second over
# the epoch: the reference's figure skips its first warm-up batches (gan 20, ddpm 10), ours counts the whole epoch, so
# the ratio leans against us. Sampling is timed around the sampler alone on both sides, with the same batch.
# The machine is shared and drifts: rounds alternate which side goes first; quote the median ratio and the machine.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
reference=${REFERENCE_DIR:-$root/../shared/bench}
mode=${1:-gan}
rounds=${2:-3}
export OMP_WAIT_POLICY=PASSIVE   # both sides: libgomp's spin-wait is 3-18x slower on a shared machine
case "$mode" in
  gan)  file=gan-fashion-mnist.yaml
        ours_set=(--set training.final_sample_count=10000)
        ref=(gan.py --threads 2 --epochs 1 --samples 10000 --tag gan_speed) ;;
  ddpm) file=diffusion-fashion-mnist.yaml
        ours_set=(--set training.final_sample_count=100 --set model.sample_batch=100 --set model.vlb_examples=100)
        ref=(ddpm.py --threads 2 --epochs 1 --samples 100 --sample-batch 100 --sample-steps 1000 --tag ddpm_speed) ;;
  ddim) file=diffusion-fashion-mnist.yaml
        ours_set=(--set training.final_sample_count=100 --set model.sample_batch=100 --set model.vlb_examples=100
                  --set model.sampler=ddim --set model.sampling_steps=100 --set model.eta=0)
        ref=(ddpm.py --threads 2 --epochs 1 --samples 100 --sample-batch 100 --sample-steps 100 --tag ddim_speed) ;;
  *) echo "usage: $0 gan|ddpm|ddim [rounds]" >&2; exit 2 ;;
esac
dotnet build -c Release "$root/host/Framework.Host" -v q -nologo >/dev/null
# A copy of the host and its plugins, so that a rebuild during the rounds cannot change what is measured.
log=$(mktemp -d); cp -r "$root/host/Framework.Host/bin/Release/net10.0" "$log/host"
bash "$reference/run-reference.sh" >/dev/null 2>&1 || true   # with no mode it only installs what the reference needs
export LD_LIBRARY_PATH_REF=${XDG_CACHE_HOME:-$HOME/.cache}/reference-openblas/usr/lib/x86_64-linux-gnu/openblas-openmp
run_ours() {
  (cd "$log" && dotnet "$log/host/Framework.Host.dll" run "$root/experiments/$file" --set training.epochs=1 \
    --set training.eval_every=0 --set training.threads=2 --set name="speed-$mode" "${ours_set[@]}") > "$log/ours_$1.txt" 2>&1
}
run_ref() {
  BENCH_OUT="$log/reference" LD_LIBRARY_PATH=$LD_LIBRARY_PATH_REF /usr/bin/python3 "$reference/${ref[0]}" "${ref[@]:1}" \
    > "$log/ref_$1.txt" 2>&1
}
for round in $(seq 1 "$rounds"); do
  if [ $((round % 2)) = 1 ]; then run_ours "$round"; run_ref "$round"; else run_ref "$round"; run_ours "$round"; fi
  echo "round $round done ($(cut -d' ' -f1-3 /proc/loadavg))"
done
echo "logs: $log"
/usr/bin/python3 - "$log" "$rounds" "$mode" <<'PY'
import re, statistics, sys
log, rounds, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def ours(r):
    text = open(f"{log}/ours_{r}.txt").read()
    rate = float(re.search(r"throughput/samples_per_s\s+([0-9.]+)", text).group(1))
    ms = float(re.search(r"timing/sample_ms_per_example\s+([0-9.]+)", text).group(1))
    return rate, ms
def ref(r):
    text = open(f"{log}/ref_{r}.txt").read()
    rate = float(re.search(r"^SUMMARY .*?steady ([0-9.]+)", text, re.M).group(1))
    if mode == "gan":  # gan.py prints the seconds for all samples
        m = re.search(r"wrote (\d+) samples .*\(([0-9.]+)s\)", text); ms = 1000 * float(m.group(2)) / int(m.group(1))
    else:
        ms = float(re.search(r"([0-9.]+) ms/image", text).group(1))
    return rate, ms
train, sample = [], []
for r in range(1, rounds + 1):
    (o, om), (f, fm) = ours(r), ref(r)
    train.append(o / f); sample.append(fm / om)
    print(f"round {r}: training ours {o:.0f}, reference {f:.0f} images/s (ratio {o / f:.2f}); "
          f"sampling ours {om:.2f}, reference {fm:.2f} ms per image (speed-up {fm / om:.2f})")
print(f"{mode}, median over {rounds} rounds (ours / reference, higher is faster for us): training "
      f"{statistics.median(train):.2f}, sampling {statistics.median(sample):.2f}")
PY
