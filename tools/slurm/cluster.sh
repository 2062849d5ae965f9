#!/usr/bin/env bash
# A one-node Slurm cluster on 127.0.0.1 for developing and testing scbench's Slurm executor (Debian/Ubuntu,
# Slurm 22.05; run as root; no systemd and no cgroups needed).
#
#   tools/slurm/cluster.sh install   apt-get the four packages (slurmctld slurmd slurm-client munge)
#   tools/slurm/cluster.sh start     write slurm.conf into the state folder, start munged, slurmctld, slurmd;
#                                    prints the one line to eval: export SLURM_CONF=...
#   tools/slurm/cluster.sh stop      stop the three daemons by their pid files (never by name)
#   tools/slurm/cluster.sh status    sinfo and the queue
#
# State folder: $SCBENCH_SLURM_DIR (default /tmp/scbench-slurm): slurm.conf, pid files, logs, spool, jobcomp.txt.
# Ports: $SCBENCH_SLURM_PORT (slurmctld, default 6817) and the next one (slurmd); pick others beside a real Slurm.
set -euo pipefail

dir=${SCBENCH_SLURM_DIR:-/tmp/scbench-slurm}
port=${SCBENCH_SLURM_PORT:-6817}
conf="$dir/slurm.conf"

die() { echo "tools/slurm/cluster.sh: $*" >&2; exit 1; }

install() {
  # Debian's packages pull in no services when installed with --no-install-recommends: 8 packages, ~10 s.
  if command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v sbatch >/dev/null && command -v munged >/dev/null; then
    echo "slurm and munge already installed: $(slurmctld -V)"
    return
  fi
  [ "$(id -u)" = 0 ] || die "install needs root (apt-get)"
  for try in 1 2 3 4 5 6; do
    # Another apt may hold the lock for a moment; retry rather than fail.
    if DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends slurmctld slurmd slurm-client munge; then
      slurmctld -V
      return
    fi
    [ "$try" = 1 ] && apt-get update || true
    sleep 5
  done
  die "apt-get install slurmctld slurmd slurm-client munge failed"
}

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

write_conf() {
  local cpus mem_mb
  cpus=$(nproc)
  mem_mb=$(awk '/MemTotal/ {print int($2 / 1024 * 0.9)}' /proc/meminfo)
  cat >"$conf" <<CONF
# Written by tools/slurm/cluster.sh: a one-node cluster on 127.0.0.1.
ClusterName=scbench
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket
StateSaveLocation=$dir/ctld
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
# No systemd and no cgroups here: track processes by parentage and bind nothing.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
# Finished jobs stay visible to scontrol and squeue -t all for an hour (there is no accounting database).
MinJobAge=3600
# Launch array tasks at once (the default waits ~3 s between launches).
SchedulerParameters=batch_sched_delay=0
# A dependency that can never be met cancels the job instead of leaving it pending forever.
DependencyParameters=kill_invalid_depend
JobCompType=jobcomp/filetxt
JobCompLoc=$dir/jobcomp.txt
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
KillWait=10
InactiveLimit=0
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
}

start() {
  command -v slurmctld >/dev/null || die "slurmctld not found: run '$0 install' first"
  [ "$(id -u)" = 0 ] || die "start needs root (slurmd runs jobs as their users)"
  if pid_alive "$dir/slurmctld.pid" && pid_alive "$dir/slurmd.pid" && pid_alive "$dir/munge/munged.pid"; then
    echo "already running in $dir" >&2
    echo "export SLURM_CONF=$conf"
    return
  fi
  stop >/dev/null 2>&1 || true
  mkdir -p "$dir/ctld" "$dir/spool" "$dir/munge"
  chmod 0755 "$dir" # munged runs as the munge user and must reach its socket folder (mktemp -d makes 0700)
  chown munge:munge "$dir/munge"
  chmod 0755 "$dir/munge"
  [ -s /etc/munge/munge.key ] || { dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none; chown munge:munge /etc/munge/munge.key; chmod 0400 /etc/munge/munge.key; }
  write_conf
  # munged refuses to run as root; its socket lives in the state folder, so a system munged is left alone.
  setpriv --reuid=munge --regid=munge --clear-groups munged --force \
    --socket="$dir/munge/munge.socket" --pid-file="$dir/munge/munged.pid" \
    --log-file="$dir/munge/munged.log" --seed-file="$dir/munge/munged.seed" </dev/null >"$dir/munge/start.log" 2>&1 \
    || die "munged did not start: $(cat "$dir/munge/start.log")"
  export SLURM_CONF="$conf"
  # -i: ignore saved state from an earlier start (a fresh cluster each time).
  # Daemons' stdio to /dev/null: a caller reading this script's output (a test) must not wait on their pipes.
  slurmctld -i -f "$conf" </dev/null >/dev/null 2>&1 || die "slurmctld did not start (see $dir/slurmctld.log)"
  slurmd -f "$conf" -N localhost </dev/null >/dev/null 2>&1 || die "slurmd did not start (see $dir/slurmd.log)"
  for _ in $(seq 1 100); do
    if sinfo -h -o '%T' 2>/dev/null | grep -qE '^idle'; then
      echo "slurm up in $dir ($(sinfo -h -o '%D node, %c CPUs, %m MB')); to use it:" >&2
      echo "export SLURM_CONF=$conf"
      return
    fi
    sleep 0.2
  done
  tail -n 20 "$dir/slurmctld.log" "$dir/slurmd.log" >&2 || true
  die "the node did not come up within 20 s (logs above, in $dir)"
}

stop_pid() {
  local file=$1 name=$2
  if pid_alive "$file"; then
    local pid
    pid=$(cat "$file")
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    echo "stopped $name ($pid)"
  fi
  rm -f "$file"
}

stop() {
  stop_pid "$dir/slurmd.pid" slurmd
  stop_pid "$dir/slurmctld.pid" slurmctld
  stop_pid "$dir/munge/munged.pid" munged
}

status() {
  export SLURM_CONF="$conf"
  sinfo
  squeue -t all
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
