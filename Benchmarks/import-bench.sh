#!/usr/bin/env bash
# Whole-program import benchmark: rows/s of `fundwatch import` against sqlite3's own `.import`
# of the same CSV files into tables with the same columns and indexes, in one run.
#
#   Benchmarks/import-bench.sh [PERSONS] [SEED]
#
# The peer tables carry the canonical columns and person indexes but not FundWatch's
# bookkeeping columns (batch, file, line), and sqlite3 validates nothing: the comparison favours
# the peer. Installs the sqlite3 shell from Debian if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
persons=${1:-200000}
seed=${2:-42}
work=${BENCH_DIR:-Benchmarks/.peers/import}
command -v sqlite3 >/dev/null || { apt-get update && apt-get install -y sqlite3; }

swift build -c release --product fundwatch >/dev/null
bin=.build/release/fundwatch
rm -rf "$work" && mkdir -p "$work"
$bin simulate --persons "$persons" --seed "$seed" --out "$work/csv" >/dev/null
rows=$(for f in "$work"/csv/*.csv; do [ "$(basename "$f")" = truth.csv ] || tail -n +2 "$f"; done | wc -l)

now() { python3 -c 'import time; print(time.monotonic())'; }
start=$(now)
$bin import "$work/csv" --data "$work/fw" >/dev/null
end=$(now)
fw=$(python3 -c "print($end - $start)")

# The peer: same tables minus bookkeeping columns, same indexes and the same page size, cache,
# WAL and synchronous=NORMAL settings as FundWatch's database.
{
    echo "PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-131072;"
    sqlite3 "$work/fw/fundwatch.sqlite" .schema \
        | python3 -c '
import re, sys
sql = sys.stdin.read()
for stmt in re.findall(r"CREATE TABLE (\w+) \((.*?)\n\);", sql, re.S):
    name, body = stmt
    if name in ("import_batch", "import_file", "rejected_row", "access_log", "grdb_migrations"): continue
    cols = [c.strip() for c in body.split(",\n")]
    cols = [c for c in cols if not re.match(r"(id|batch_id|file_id|line) ", c)]
    print("CREATE TABLE %s (%s);" % (name, ", ".join(cols)))
for idx in re.findall(r"CREATE INDEX [^;]+;", sql):
    print(idx)
'
    for f in "$work"/csv/*.csv; do
        t=$(basename "$f" .csv)
        [ "$t" = truth ] && continue
        echo ".import --csv --skip 1 $f $t"
    done
} > "$work/peer.sql"
rm -f "$work/peer.db"
start=$(now)
sqlite3 "$work/peer.db" < "$work/peer.sql" >/dev/null
end=$(now)
peer=$(python3 -c "print($end - $start)")

python3 - "$rows" "$fw" "$peer" <<'PY'
import sys
rows, fw, peer = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
print(f"rows: {rows}")
print(f"fundwatch import: {fw:.2f} s, {rows / fw:,.0f} rows/s")
print(f"sqlite3 .import:  {peer:.2f} s, {rows / peer:,.0f} rows/s")
print(f"ratio (fundwatch rows/s ÷ sqlite3 rows/s): {peer / fw:.2f}")
PY
