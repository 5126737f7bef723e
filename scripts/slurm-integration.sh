#!/usr/bin/env bash
# Opt-in integration test of `--emit slurm` on a real Slurm: installs Debian's slurm-wlm and munge
# if missing, starts a one-node cluster on this machine (munged, slurmctld and slurmd, with a
# minimal configuration of its own under a scratch folder: no cgroups, process tracking through
# /proc), emits a two-variant sweep of a few steps (recipes.study.Predictor on a small generated
# image folder), submits it, waits for the job array and the table job, checks the sweep's table,
# and stops the cluster. Needs root (packages, daemons). Usage: scripts/slurm-integration.sh [DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -n "${1:-}" ]; then
  mkdir -p "$1"
  work="$(cd "$1" && pwd)"
else
  work="$(mktemp -d /tmp/vitssl-slurm.XXXXXX)"
fi
fail() { echo "slurm-integration: FAILED: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || fail "run as root: it installs packages and starts the Slurm daemons"

if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
  echo "== installing slurm-wlm and munge"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -qq slurm-wlm munge
fi
echo "== $(slurmctld -V), work folder $work"

host="$(hostname -s)"
cpus="$(nproc)"
memory="$(free -m | awk '/^Mem:/ {print int($2 * 0.9)}')"
mkdir -p "$work/state" "$work/spool" "$work/logs"
export SLURM_CONF="$work/slurm.conf"
cat > "$SLURM_CONF" <<CONF
ClusterName=vitssl-it
SlurmctldHost=$host
SlurmctldPort=16817
SlurmdPort=16818
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/logs/slurmctld.log
SlurmdLogFile=$work/logs/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
NodeName=$host CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF

stop() {
  for pidfile in "$work/slurmd.pid" "$work/slurmctld.pid" "$work/munged.pid"; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
  done
}
trap stop EXIT

echo "== starting munged, slurmctld, slurmd"
install -d -o munge -g munge -m 0755 /run/munge
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  # Started here, so stopped here: its pid is the newest munged after the start.
  runuser -u munge -- /usr/sbin/munged
  sleep 1
  pgrep -n -x munged > "$work/munged.pid"
fi
munge -n | unmunge >/dev/null || fail "munge does not authenticate (is /etc/munge/munge.key readable by munge?)"
slurmctld
slurmd
for _ in $(seq 60); do
  state="$(sinfo -h -n "$host" -o %t 2>/dev/null || true)"
  [ "$state" = idle ] && break
  sleep 1
done
sinfo
[ "$state" = idle ] || fail "node $host is '$state', not idle; see $work/logs"

echo "== a small image folder and the sweep's jobs"
python3 - "$work/images" <<'PY'
import os, random, struct, sys, zlib
def png(path, rgb):
    rows = b"".join(b"\x00" + bytes(rgb[y]) for y in range(len(rgb)))
    chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 32, 32, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
random.seed(7)
for c, base in enumerate([(200, 40, 40), (40, 200, 40), (40, 40, 200)]):
    d = os.path.join(sys.argv[1], f"class_{c}")
    os.makedirs(d, exist_ok=True)
    for i in range(24):
        rgb = [[max(0, min(255, v + random.randint(-30, 30))) for x in range(32) for v in base] for y in range(32)]
        png(os.path.join(d, f"{i:03d}.png"), rgb)
PY
cd "$work"
"$root/bin/vitssl" recipes.study.Predictor --data "$work/images" --steps 3 --batch 16 --threads 1 --workers 1 \
  --out runs/study-predictor --emit slurm "$work/jobs"

echo "== submitting"
"$work/jobs/submit.sh"
squeue
for _ in $(seq 900); do
  [ -z "$(squeue -h 2>/dev/null)" ] && break
  sleep 2
done
[ -z "$(squeue -h)" ] || fail "jobs still queued after 30 minutes: $(squeue -h)"

echo "== task logs (last lines)"
for log in "$work"/jobs/logs/*.out; do
  echo "-- $(basename "$log")"; tail -n 3 "$log"
done
table="$work/runs/study-predictor/sweep.md"
[ -f "$table" ] || fail "no table at $table; see $work/jobs/logs"
for variant in predictor no-predictor; do
  [ -f "$work/runs/study-predictor/$variant/summary.json" ] || fail "variant $variant did not finish"
  grep -q "^| $variant |" "$table" || fail "the table has no row for $variant"
done
echo "== the sweep's table ($table)"
cat "$table"
echo "slurm-integration: PASSED (two variants run as a Slurm job array, table written by the table job)"
