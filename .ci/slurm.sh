#!/usr/bin/env bash
# A real single-node Slurm for the Slurm end-to-end tests (see shared/reference/slurm-single-node.md): Debian's
# packages, a minimal slurm.conf, munged + slurmctld + slurmd started by hand (there is no systemd), stopped by PID.
#   .ci/slurm.sh install   apt-get install the daemons and clients (retries while another apt holds the dpkg lock)
#   .ci/slurm.sh start     write /etc/slurm/slurm.conf, start the daemons, wait until the node is idle
#   .ci/slurm.sh stop      kill the daemons by the PIDs in their pid files (never by name)
# Sourced by .ci/run, which calls slurm_install, slurm_start and slurm_stop.
set -uo pipefail

slurm_install() {
  if command -v sbatch >/dev/null && command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v munged >/dev/null; then
    return 0
  fi
  local try
  for try in 1 2 3 4 5 6 7 8 9 10; do
    if apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
         slurmctld slurmd slurm-client munge; then
      return 0
    fi
    echo "slurm: apt-get failed (attempt $try; the dpkg lock may be held), retrying in 15 s" >&2
    sleep 15
  done
  return 1
}

slurm_start() {
  mkdir -p /etc/slurm /run/munge /run/slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm /var/lib/munge /var/log/munge
  chown munge:munge /run/munge /var/lib/munge /var/log/munge 2>/dev/null || true
  if [ ! -s /etc/munge/munge.key ]; then
    mkdir -p /etc/munge
    dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
    chown munge:munge /etc/munge/munge.key && chmod 400 /etc/munge/munge.key
  fi
  local cpus
  cpus=$(nproc)
  cat > /etc/slurm/slurm.conf <<CONF
ClusterName=local
SlurmctldHost=localhost
SlurmUser=root
AuthType=auth/munge
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurm/slurmctld.pid
SlurmdPidFile=/run/slurm/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=/var/log/slurm/jobcomp.log
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
NodeName=localhost NodeAddr=127.0.0.1 CPUs=${cpus} RealMemory=1000 State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
  [ -s /run/munge/munged.pid ] && kill -0 "$(cat /run/munge/munged.pid)" 2>/dev/null \
    || su -s /bin/sh munge -c /usr/sbin/munged || return 1
  [ -s /run/slurm/slurmctld.pid ] && kill -0 "$(cat /run/slurm/slurmctld.pid)" 2>/dev/null || /usr/sbin/slurmctld || return 1
  [ -s /run/slurm/slurmd.pid ] && kill -0 "$(cat /run/slurm/slurmd.pid)" 2>/dev/null || /usr/sbin/slurmd -N localhost || return 1
  local i state
  for i in $(seq 1 60); do
    state=$(sinfo -h -N -o '%T' 2>/dev/null | head -1)
    case "$state" in
      idle|mixed|allocated) echo "slurm: node localhost is $state ($cpus CPUs)"; return 0 ;;
      drain*|down*) scontrol update nodename=localhost state=resume >/dev/null 2>&1 ;;
    esac
    sleep 1
  done
  echo "slurm: the node did not become idle; state '${state:-none}'" >&2
  tail -5 /var/log/slurm/slurmctld.log /var/log/slurm/slurmd.log >&2
  return 1
}

slurm_stop() {
  local file pid
  for file in /run/slurm/slurmd.pid /run/slurm/slurmctld.pid /run/munge/munged.pid; do
    [ -s "$file" ] || continue
    pid=$(cat "$file")
    kill "$pid" 2>/dev/null && for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  done
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  case "${1:-}" in
    install) slurm_install ;;
    start) slurm_start ;;
    stop) slurm_stop ;;
    *) echo "usage: $0 install|start|stop" >&2; exit 2 ;;
  esac
fi
