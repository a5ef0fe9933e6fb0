import Benchmark
import Crypto
import Foundation
import Ledger

#if canImport(Glibc)
    import Glibc
#endif

// Ledger hot paths. The in-memory ones (a million per iteration) also report processor
// time (cpuTotal: user+system, in clock ticks), which other builds on the machine inflate
// much less than the wall clock. Run with Benchmarks/ledger-bench.sh (or `swift package benchmark
// --target LedgerAppend` from a checkout whose folder is named FundWatch).

let benchmarks: @Sendable () -> Void = {
    let fast = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .throughput, .peakMemoryResident], scalingFactor: .mega,
        maxDuration: .seconds(3), maxIterations: 5)

    // The physical limit: SHA-256 of one 64-byte input (two compression blocks, like
    // a node hash of 65 bytes).
    Benchmark("SHA-256 raw, 64-byte inputs", configuration: fast) { benchmark in
        var input = [UInt8](repeating: 0x5a, count: 64)
        for i in benchmark.scaledIterations {
            input[0] = UInt8(truncatingIfNeeded: i)
            var hasher = SHA256()
            input.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            blackHole(hasher.finalize())
        }
    }

    // The same primitive as the tree uses: BoringSSL's one-shot SHA-256 (inside swift-crypto),
    // without swift-crypto's per-hash context object.
    Benchmark("SHA-256 raw (tree's primitive), 64-byte inputs", configuration: fast) { benchmark in
        var input = [UInt8](repeating: 0x5a, count: 64)
        for i in benchmark.scaledIterations {
            input[0] = UInt8(truncatingIfNeeded: i)
            blackHole(input.withUnsafeBytes { RFC9162.sha256($0) })
        }
    }

    // In memory: leaf hash, entry bundle, tile hashes; 64-byte entries.
    Benchmark("In-memory append+hash, 64-byte entries", configuration: fast) { benchmark in
        let log = try BenchLog.inMemory()
        var entry = [UInt8](repeating: 0x61, count: 64)
        for i in benchmark.scaledIterations {
            entry[0] = UInt8(truncatingIfNeeded: i)
            blackHole(try log.append(entry))
        }
    }

    // In memory with realistic canonical-JSON entries (~190 bytes).
    Benchmark("In-memory append+hash, ledger entries", configuration: fast) { benchmark in
        let log = try BenchLog.inMemory()
        let entries = BenchLog.sampleEntries
        for i in benchmark.scaledIterations {
            blackHole(try log.append(entries[i & 1023]))
        }
    }

    // Durable: a group commit of 1,000 entries per iteration, on one log that keeps
    // growing (tiles written, the commit journal flushed; journal restarts included).
    Benchmark(
        "Durable append, group commit of 1,000",
        configuration: .init(
            metrics: [.wallClock, .throughput], scalingFactor: .kilo, maxDuration: .seconds(5),
            maxIterations: 400),
        closure: { benchmark, state in
            let entries = BenchLog.sampleEntries
            var batch: [[UInt8]] = []
            batch.reserveCapacity(1000)
            for i in benchmark.scaledIterations { batch.append(entries[i & 1023]) }
            benchmark.startMeasurement()
            blackHole(try state.log.append(batch: batch))
            benchmark.stopMeasurement()
        },
        setup: { try BenchLog.SingleState(directory: BenchLog.batchDirectory) },
        teardown: { try? FileManager.default.removeItem(atPath: BenchLog.batchDirectory) }
    )

    // The same with the checkpoint and the right edge published once a second (Tessera's
    // way): each commit writes its full tiles and bundles and flushes the journal.
    Benchmark(
        "Durable append, group commit of 1,000, checkpoint every 1 s",
        configuration: .init(
            metrics: [.wallClock, .throughput], scalingFactor: .kilo, maxDuration: .seconds(5),
            maxIterations: 400),
        closure: { benchmark, state in
            let entries = BenchLog.sampleEntries
            var batch: [[UInt8]] = []
            batch.reserveCapacity(1000)
            for i in benchmark.scaledIterations { batch.append(entries[i & 1023]) }
            benchmark.startMeasurement()
            blackHole(try state.log.append(batch: batch))
            benchmark.stopMeasurement()
        },
        setup: { try BenchLog.SingleState(directory: BenchLog.batchDirectory + "-interval", interval: .seconds(1)) },
        teardown: { try? FileManager.default.removeItem(atPath: BenchLog.batchDirectory + "-interval") }
    )

    // The peer for durable appends: the disk's floor, one overwrite of a 200 KB
    // record (a 1,000-entry batch) in a preallocated file and one fdatasync, with nothing else.
    Benchmark(
        "Disk floor: 200 KB overwrite + fdatasync",
        configuration: .init(
            metrics: [.wallClock, .throughput], scalingFactor: .one, maxDuration: .seconds(3), maxIterations: 400)
    ) { benchmark in
        let path = BenchLog.batchDirectory + "-floor"
        let fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0o644)
        defer {
            close(fd)
            unlink(path)
        }
        let record = [UInt8](repeating: 0x5a, count: 200_000)
        for slot in 0..<16 {
            _ = record.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, off_t(slot * 200_000)) }
        }
        _ = fsync(fd)
        benchmark.startMeasurement()
        for i in benchmark.scaledIterations {
            _ = record.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, off_t((i % 16) * 200_000)) }
            blackHole(fdatasync(fd))
        }
        benchmark.stopMeasurement()
    }

    // Durable: every append acknowledged on its own (fsync each).
    Benchmark(
        "Durable append, one entry per commit",
        configuration: .init(
            metrics: [.wallClock, .throughput], scalingFactor: .one, maxDuration: .seconds(5), maxIterations: 2000),
        closure: { benchmark, state in
            let log = state.log
            for i in benchmark.scaledIterations { blackHole(try log.append(batch: [BenchLog.sampleEntries[i & 1023]])) }
        },
        setup: { try BenchLog.SingleState(directory: BenchLog.singleDirectory) },
        teardown: { try? FileManager.default.removeItem(atPath: BenchLog.singleDirectory) }
    )

    // Inclusion proofs on a 10-million-entry log on disk, random indices: the prover keeps
    // levels 8 and up in memory and reads the eight lower siblings from one mapped index page,
    // into a buffer owned here (no allocation per proof).
    Benchmark(
        "Inclusion proof, 10M-entry log, random index",
        configuration: .init(
            metrics: [.wallClock, .throughput, .peakMemoryResident], scalingFactor: .kilo,
            maxDuration: .seconds(5), maxIterations: 100),
        closure: { benchmark, prover in
            var generator = SplitMix64(seed: 42)
            let buffer = UnsafeMutableBufferPointer<MerkleHash>.allocate(capacity: InclusionProver.maximumProofLength)
            defer { buffer.deallocate() }
            for _ in benchmark.scaledIterations {
                let index = generator.next() % BenchLog.bigSize
                blackHole(try prover.inclusionProof(index: index, into: buffer))
            }
        },
        setup: { try BenchLog.bigLogProver() }
    )

    // The same with the mapped index pages dropped from the process every 4,096 proofs:
    // a bounded resident set, paid for in page faults.
    Benchmark(
        "Inclusion proof, 10M-entry log, random index, mapped pages released every 4,096",
        configuration: .init(
            metrics: [.wallClock, .throughput, .peakMemoryResident], scalingFactor: .kilo,
            maxDuration: .seconds(5), maxIterations: 100),
        closure: { benchmark, prover in
            var generator = SplitMix64(seed: 42)
            let buffer = UnsafeMutableBufferPointer<MerkleHash>.allocate(capacity: InclusionProver.maximumProofLength)
            defer { buffer.deallocate() }
            for _ in benchmark.scaledIterations {
                let index = generator.next() % BenchLog.bigSize
                blackHole(try prover.inclusionProof(index: index, into: buffer))
            }
        },
        setup: { try BenchLog.bigLogProver(releaseMappedPagesEvery: 4096) }
    )

    // The same, for recent entries (the last 65,536: what auditors ask about most).
    Benchmark(
        "Inclusion proof, 10M-entry log, recent index",
        configuration: .init(
            metrics: [.wallClock, .throughput, .peakMemoryResident], scalingFactor: .kilo,
            maxDuration: .seconds(5), maxIterations: 100),
        closure: { benchmark, prover in
            var generator = SplitMix64(seed: 7)
            let buffer = UnsafeMutableBufferPointer<MerkleHash>.allocate(capacity: InclusionProver.maximumProofLength)
            defer { buffer.deallocate() }
            for _ in benchmark.scaledIterations {
                let index = BenchLog.bigSize - 1 - generator.next() % 65_536
                blackHole(try prover.inclusionProof(index: index, into: buffer))
            }
        },
        setup: { try BenchLog.bigLogProver() }
    )

    // The peer: the previous path, MerkleProofs over a tile reader (bounded tile cache,
    // node index read hash by hash, a new array per proof).
    Benchmark(
        "Inclusion proof, 10M-entry log, random index, tile reader (previous path)",
        configuration: .init(
            metrics: [.wallClock, .throughput, .peakMemoryResident], scalingFactor: .kilo,
            maxDuration: .seconds(5), maxIterations: 100),
        closure: { benchmark, reader in
            var generator = SplitMix64(seed: 42)
            for _ in benchmark.scaledIterations {
                let index = generator.next() % BenchLog.bigSize
                blackHole(try MerkleProofs.inclusion(index: index, size: BenchLog.bigSize, reader: reader))
            }
        },
        setup: { try BenchLog.bigLogReader() }
    )
}
