#!/usr/bin/env bash
# In-process profile of the ingestion pipeline alone: builds a small executable from
# Sources/Ingestion and a few lines doing what `FeedIngestion.dryRun` does (ExportReader +
# QualityAccumulator; no SHA-256, no command line, no JSON report), linked against the release
# objects of FundWatchCore, Yams and ZIPFoundation already built in a scratch path, then runs it
# under /usr/bin/time on each FILE with its SPEC. For `perf record -g` when a release build of the
# whole `fundwatch` product (NIO, Hummingbird, GRDB, swift-crypto) takes too long on a loaded
# machine; the whole-process figures come from ingest-bench.sh and ingest-xlsx-bench.sh.
#
#   SCRATCH=.build-x Benchmarks/ingest-pipeline-harness.sh SPEC FILE [SPEC FILE …]
#
# Needs `swift build -c release --scratch-path $SCRATCH --target Ingestion` (or any release build
# that compiled those three modules) first. The binary goes to Benchmarks/.peers/harness (git-ignored).
# It prints the row counts and the quality report's JSON, so two builds can be compared byte for
# byte; DIGEST=1 hands every row out (as `fundwatch ingest` does, where the dry run only tallies
# them) and prints a digest of the outcomes. SOURCES=DIR builds from another copy of Sources/Ingestion
# (e.g. `git archive` of the previous commit), HARNESS=PATH names the binary, and NO_BUILD=1 runs
# HARNESS as it is (for alternating runs of two builds).
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=${SCRATCH:-.build}
release=$scratch/x86_64-unknown-linux-gnu/release
out=Benchmarks/.peers/harness
sources=$(cd "${SOURCES:-Sources/Ingestion}" && pwd)
harness=$(realpath -m "${HARNESS:-$out/ingest-harness}")
mkdir -p "$out"
if [ -z "${NO_BUILD:-}" ]; then
cat > "$out/main.swift" <<'SWIFT'
import Foundation
import FundWatchCore

// What FeedIngestion.dryRun does for one export, without the file's SHA-256.
let arguments = CommandLine.arguments
let spec = try MappingSpec(yaml: String(contentsOfFile: arguments[1], encoding: .utf8))
let today = CivilDate(year: 2026, month: 11, day: 26)!
// The dry run wants the tally alone: the rows are dropped where they are mapped (DIGEST=1 hands them out).
let digest = ProcessInfo.processInfo.environment["DIGEST"] != nil
var reader = try ExportReader(spec: spec, path: arguments[2], today: today, keepingRows: digest)
var tally = QualityAccumulator(
    mapping: reader.mapping, feed: spec.source, specVersion: spec.version, sha256: "", encoding: reader.encoding, maxRejectRate: 0.05)
if digest {
    // Every outcome handed out and folded into an FNV-1a digest of its description.
    var digest: UInt64 = 0xcbf2_9ce4_8422_2325
    while let outcome = try reader.next(quality: &tally) {
        for byte in "\(outcome)\n".utf8 { digest = (digest ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
    }
    print("outcomes digest \(String(digest, radix: 16))")
} else {
    while try reader.next(quality: &tally) != nil {}
}
let report = tally.report
print("rows \(report.rowsRead), accepted \(report.accepted), rejected \(report.rejected), repeated \(report.duplicates.count)")
print(report.columns.map { "\($0.field): \($0.distinct) distinct" }.joined(separator: ", "))
print(report.json())
SWIFT
(cd "$out" && swiftc -O -wmo -swift-version 6 -module-name IngestHarness \
    -I "$OLDPWD/$release/Modules" -I "$OLDPWD/$scratch/checkouts/ZIPFoundation/Sources/CZLib" \
    -I "$OLDPWD/$scratch/checkouts/Yams/Sources/CYaml/include" \
    -enable-upcoming-feature ExistentialAny -enable-upcoming-feature MemberImportVisibility \
    $(find "$sources" -name '*.swift') main.swift \
    "$OLDPWD/$release"/FundWatchCore.build/*.o "$OLDPWD/$release"/Yams.build/*.o "$OLDPWD/$release"/CYaml.build/src/*.o \
    "$OLDPWD/$release"/ZIPFoundation.build/*.o -lz -g -o "$harness" 2>&1 | grep -v warning || true)
fi
while [ $# -ge 2 ]; do
    size=$(stat -c %s "$2")
    echo "$2 ($((size / 1000000)) MB), load $(cut -d' ' -f1-3 /proc/loadavg)"
    /usr/bin/time -f '%e s wall, %U s user, %S s system, %M KB peak RSS' "$harness" "$1" "$2"
    shift 2
done
