#!/usr/bin/env bash
# Dashboard benchmark: cockpit snapshots served from the in-memory cache against the sqlite3 CLI
# running the same breakdowns as GROUP BY queries over the same findings table, in one run; plus
# the rollup rebuild, the triggers' cost when findings are stored, and the cache's catch-up.
#
#   Benchmarks/dashboard-bench.sh [PERSONS] [SEED] [SECONDS]
#
# Simulates, imports and audits PERSONS persons (kept under Benchmarks/.peers/dashboard/ and
# reused), copies the audited database (the benchmark migrates its copy), runs DashboardBench
# (Benchmarks package, release), then sqlite3 over the copy.
#
# Environment: SCRATCH, the main package's build folder (default .build); FUNDWATCH_BIN, a
# release fundwatch to simulate/import/audit with instead of building one; BENCH_BUILD, the
# Benchmarks package's build folder (default Benchmarks/.build-dashboard).
set -euo pipefail
cd "$(dirname "$0")/.."
persons=${1:-50000}
seed=${2:-7}
seconds=${3:-3}
work=${BENCH_DIR:-Benchmarks/.peers/dashboard}/$persons-$seed
scratch=${SCRATCH:-.build}
bin=${FUNDWATCH_BIN:-}
if [ -z "$bin" ]; then
    swift build -c release --scratch-path "$scratch" --product fundwatch >/dev/null
    bin=$scratch/release/fundwatch
fi
mkdir -p "$work"
[ -f "$work/csv/person.csv" ] || $bin simulate --persons "$persons" --seed "$seed" --out "$work/csv" --quiet
if [ ! -f "$work/fw/fundwatch.sqlite" ]; then
    $bin import "$work/csv" --data "$work/fw" >/dev/null
    $bin audit --data "$work/fw" | grep -E "^[0-9]+ persons," || true
fi
rm -rf "$work/dash" && mkdir -p "$work/dash"
sqlite3 "$work/fw/fundwatch.sqlite" ".backup '$work/dash/fundwatch.sqlite'"

bench_build=${BENCH_BUILD:-.build-dashboard}
(cd Benchmarks && swift build -c release --scratch-path "$bench_build" --product DashboardBench >/dev/null)
db="$work/dash/fundwatch.sqlite"

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
"Benchmarks/$bench_build/release/DashboardBench" "$work/dash" "$seconds" | tee "$work/fundwatch.txt"

# The peer: each request recomputes a region's breakdowns with GROUP BY (totals, severity, kind,
# status, month, top rules, children) over the findings table, for the same regions.
regions=$(sqlite3 "$db" "SELECT DISTINCT region_code FROM finding WHERE region_code IS NOT NULL")
prefixes="''"
for r in $regions; do prefixes="$prefixes ${r:0:2} ${r:0:4} $r"; done
prefixes=$(echo $prefixes | tr ' ' '\n' | sort -u)
rounds=${PEER_ROUNDS:-10}
sql="$work/peer.sql"
: > "$sql"
for _ in $(seq "$rounds"); do
    for p in $prefixes; do
        p=${p//\'/}
        active="status NOT IN ('shadow', 'suppressed') AND COALESCE(region_code, '') LIKE '$p%'"
        child_len=$(( ${#p} == 0 ? 2 : ${#p} + 2 ))
        cat >> "$sql" <<SQL
SELECT COUNT(*), SUM(amount_at_risk), SUM(severity = 'red'), SUM(risk_score) FROM finding WHERE $active;
SELECT severity, COUNT(*), SUM(amount_at_risk) FROM finding WHERE $active GROUP BY severity;
SELECT kind, COUNT(*), SUM(amount_at_risk) FROM finding WHERE $active GROUP BY kind;
SELECT status, COUNT(*), SUM(amount_at_risk) FROM finding WHERE COALESCE(region_code, '') LIKE '$p%' GROUP BY status;
SELECT substr(r.started_at, 1, 7), COUNT(*), SUM(f.amount_at_risk) FROM finding f JOIN audit_run r ON r.id = f.first_seen_run WHERE f.$active GROUP BY 1;
SELECT rule_id, COUNT(*) AS n, SUM(amount_at_risk) FROM finding WHERE $active GROUP BY rule_id ORDER BY n DESC LIMIT 10;
SELECT substr(region_code, 1, $child_len), COUNT(*), SUM(amount_at_risk), SUM(severity = 'red'), SUM(risk_score) FROM finding WHERE $active GROUP BY 1;
SQL
    done
done
requests=$(( rounds * $(echo "$prefixes" | wc -l) ))
start=$(date +%s.%N)
sqlite3 -readonly "$db" < "$sql" > /dev/null
end=$(date +%s.%N)
peer_rate=$(python3 -c "print(int($requests / ($end - $start)))")
echo "sqlite3 CLI GROUP BY per request: $requests requests in $(python3 -c "print(f'{($end - $start) * 1000:.2f}')") ms = $peer_rate requests/s" | tee "$work/peer.txt"
start=$(date +%s.%N)
for _ in 1 2 3 4 5; do
    sqlite3 -readonly "$db" "SELECT COALESCE(region_code, ''), rule_id, severity, kind, status, COUNT(*), SUM(amount_at_risk) FROM finding GROUP BY 1, 2, 3, 4, 5" > /dev/null
done
end=$(date +%s.%N)
echo "sqlite3 CLI whole-table GROUP BY (process start included), mean of 5: $(python3 -c "print(f'{($end - $start) * 200:.2f}')") ms" | tee -a "$work/peer.txt"
echo "machine: load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$work/fundwatch.txt" "$peer_rate" <<'PY'
import re, sys
ours = int(re.search(r"= (\d+) reads/s", open(sys.argv[1]).read()).group(1))
print(f"ratio (cache reads/s ÷ sqlite3 GROUP BY requests/s): {ours / int(sys.argv[2]):.1f}")
PY
