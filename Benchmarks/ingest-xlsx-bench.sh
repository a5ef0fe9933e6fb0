#!/usr/bin/env bash
# XLSX ingestion benchmark: MB/s of sheet XML (the sheet part's decompressed size) for
# `fundwatch ingest --dry-run` (unzip + XML scan + shared strings + map + clean + validate + quality
# report) on the simulated HRSS enrollments workbook, beside openpyxl in read-only mode merely
# reading every cell of the same sheet, in the same run.
#
#   Benchmarks/ingest-xlsx-bench.sh [PERSONS] [SEED]
#
# FundWatch is timed as a whole process (start-up included); openpyxl from after its import.
# Installs openpyxl from PyPI into Benchmarks/.venv (git-ignored) on first use. SCRATCH=.build-x
# picks the SwiftPM scratch path; FUNDWATCH_BIN=PATH takes a release `fundwatch` already built (no
# `swift build`); DEP=DIR takes the workbook of an earlier `simulate --format departments` export
# (outside the work folder, which is emptied).
set -euo pipefail
cd "$(dirname "$0")/.."
persons=${1:-100000}
seed=${2:-42}
work=${BENCH_DIR:-Benchmarks/.peers/ingest-xlsx}
scratch=${SCRATCH:-.build}
python=Benchmarks/.venv/bin/python
if ! "$python" -c 'import openpyxl' 2>/dev/null; then
    [ -x "$python" ] || python3 -m venv Benchmarks/.venv
    Benchmarks/.venv/bin/pip install -q openpyxl
fi

if [ -n "${FUNDWATCH_BIN:-}" ]; then
    bin=$FUNDWATCH_BIN
else
    swift build -c release --product fundwatch --scratch-path "$scratch" >/dev/null
    bin=$scratch/release/fundwatch
fi
rm -rf "$work" && mkdir -p "$work"
if [ -n "${DEP:-}" ]; then
    dep=$DEP
else
    $bin simulate --persons "$persons" --seed "$seed" --format departments --out "$work/dep" --quiet
    dep=$work/dep
fi
file=$dep/hrss_enrollments.xlsx
spec=$dep/specs/hrss_enrollments.yaml
sheet_bytes=$(python3 -c "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); print(sum(i.file_size for i in z.infolist() if i.filename.startswith('xl/worksheets/')))" "$file")
strings_bytes=$(python3 -c "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); print(sum(i.file_size for i in z.infolist() if i.filename == 'xl/sharedStrings.xml'))" "$file")
cat "$file" >/dev/null

now() { python3 -c 'import time; print(time.monotonic())'; }
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
best=""
cpu=""
for run in 1 2 3; do
    start=$(now)
    status=0
    /usr/bin/time -f '%U %S %M' -o "$work/time.txt" \
        $bin ingest --dry-run --spec "$spec" "$file" --report "$work/report.json" >/dev/null 2>&1 || status=$?
    end=$(now)
    [ "$status" = 0 ] || [ "$status" = 3 ] || { echo "fundwatch ingest failed ($status)"; exit 1; }
    # CPU seconds (user + system) and peak RSS of the fastest run.
    # The last line: GNU time puts "Command exited with non-zero status N" before it.
    read -r user sys rss < <(tail -n 1 "$work/time.txt")
    pick=$(python3 -c "b='$best'; t=$end-$start; print(1 if not b or t < float(b) else 0)")
    if [ "$pick" = 1 ]; then
        best=$(python3 -c "print($end-$start)")
        cpu=$(python3 -c "print($user+$sys, $rss)")
    fi
done
rows=$(python3 -c "import json; f=json.load(open('$work/report.json'))['files'][0]; print(f['rows_read'], f['accepted'], f['rejected'])")
peer1=$("$python" Benchmarks/ingest_xlsx_peer.py "$file")
peer2=$("$python" Benchmarks/ingest_xlsx_peer.py "$file")

python3 - "$sheet_bytes" "$strings_bytes" "$best" "$rows" "$peer1" "$peer2" "$load_before → $(cut -d' ' -f1-3 /proc/loadavg)" "$cpu" <<'PY'
import sys
sheet, strings, fw, rows, p1, p2, load, cpu = sys.argv[1:]
cpu_s, rss_kb = cpu.split()
cpu_s = float(cpu_s)
sheet, strings, fw = int(sheet), int(strings), float(fw)
read, acc, rej = rows.split()
peer = min((p1, p2), key=lambda p: float(p.split()[2]))
prow, pcells, pt, pcpu = peer.split()
pt, pcpu = float(pt), float(pcpu)
mb = sheet / 1e6
print(f"file: hrss_enrollments.xlsx, sheet XML {mb:.1f} MB, shared strings {strings / 1e6:.1f} MB; load average {load} (before → after)")
print(f"fundwatch ingest --dry-run: {fw:.2f} s, {mb / fw:.1f} MB/s of sheet XML ({read} rows: accepted {acc}, rejected {rej}; best of 3, whole process)")
print(f"  its CPU time: {cpu_s:.2f} s (user + system), {mb / cpu_s:.1f} MB of sheet XML per CPU-second; peak RSS {int(rss_kb) / 1024:.0f} MB")
print(f"openpyxl read-only, cells:  {pt:.2f} s, {mb / pt:.1f} MB/s of sheet XML ({prow} rows, {pcells} cells; best of 2, reading only)")
print(f"  its CPU time: {pcpu:.2f} s, {mb / pcpu:.1f} MB per CPU-second")
print(f"ratio fundwatch ÷ openpyxl: {pt / fw:.2f} by wall, {pcpu / cpu_s:.2f} by CPU")
PY
uptime
