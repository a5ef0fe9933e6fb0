#!/usr/bin/env bash
# Evaluation time of each built-in rule alone over an imported population, most expensive first:
# where the batch audit's time goes, before profiling one rule.
#
#   Benchmarks/audit-rule-costs.sh DATA_FOLDER [FUNDWATCH_BIN]
#
# DATA_FOLDER is a data folder made by Benchmarks/audit-bench.sh (…/fw). Each rule runs in its own
# `fundwatch audit --dry-run --rules DIR` with only that rule, so each line pays the load again;
# only the evaluation time after loading is reported.
set -euo pipefail
cd "$(dirname "$0")/.."
data=$1
bin=${2:-.build/release/fundwatch}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for rule in Sources/AuditRules/Rules/*.yaml; do
    id=$(basename "$rule" .yaml)
    rm -rf "$tmp/rules" && mkdir "$tmp/rules" && cp "$rule" "$tmp/rules/"
    line=$("$bin" audit --data "$data" --dry-run --rules "$tmp/rules" | grep -E "^[0-9]+ persons,")
    seconds=$(sed -E 's/.*evaluated in ([0-9.]+) s.*/\1/' <<<"$line")
    printf '%8s s  %s\n' "$seconds" "$id"
done | sort -rn
echo "machine: load average $(cut -d' ' -f1-3 /proc/loadavg)"
