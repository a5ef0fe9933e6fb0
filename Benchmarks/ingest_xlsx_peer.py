"""Peer of `fundwatch ingest` on an XLSX export for Benchmarks/ingest-xlsx-bench.sh: openpyxl in
read-only mode reading every cell of the first sheet (values only, shared strings resolved, dates
as datetimes). Prints the rows and cells read, the seconds spent after the import of openpyxl and
the CPU seconds of that span.

    python ingest_xlsx_peer.py FILE
"""
import sys
import time

import openpyxl

start = time.perf_counter()
cpu = time.process_time()
book = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)
sheet = book.worksheets[0]
rows = 0
cells = 0
for row in sheet.iter_rows(values_only=True):
    rows += 1
    cells += sum(1 for v in row if v is not None)
book.close()
print(f"{rows} {cells} {time.perf_counter() - start:.3f} {time.process_time() - cpu:.3f}")
