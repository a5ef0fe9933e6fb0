/// Recomputes a stored log from its entries and checks it against every checkpoint the
/// log signed: each entry bundle, each hash tile (full and, at the latest size, partial),
/// every checkpoint signature and root, and the published checkpoint's cosignatures.
/// Memory stays bounded: entries stream through a fresh right edge, one bundle at a time.
public enum LogVerifier {
    /// Verifies the log in `storage`.
    public static func verify(storage: any LogStorage, verifier: any NoteVerifier, policy: LogPolicy? = nil) throws
        -> LogVerificationReport
    {
        var report = LogVerificationReport()
        let history = CheckpointHistory.parse(try storage.read(CheckpointHistory.path) ?? [])
        if history.tornBytes > 0 {
            report.damages.append(
                LogDamage(
                    .tornHistory, path: CheckpointHistory.path,
                    "\(history.tornBytes) bytes after the last complete record"))
        }
        var signed: [(number: Int, checkpoint: Checkpoint)] = []
        for (number, note) in history.notes.enumerated() {
            do {
                _ = try note.verify(with: [verifier])
                let checkpoint = try Checkpoint(text: note.text)
                if let last = signed.last, checkpoint.size < last.checkpoint.size {
                    report.damages.append(
                        LogDamage(
                            .badCheckpoint, index: UInt64(number), path: CheckpointHistory.path,
                            "size \(checkpoint.size) is below an earlier size \(last.checkpoint.size)"))
                    continue
                }
                signed.append((number, checkpoint))
            } catch {
                report.damages.append(
                    LogDamage(.badCheckpoint, index: UInt64(number), path: CheckpointHistory.path, "\(error)"))
            }
        }
        guard let latest = signed.last?.checkpoint else {
            report.damages.append(
                LogDamage(.missingCheckpoint, path: CheckpointHistory.path, "no valid signed checkpoint"))
            return report
        }
        report.size = latest.size

        // Stream the entries through a fresh right edge and compare what it would write.
        var state = TileLogState()
        var mismatches: [(path: String, expected: [UInt8], stored: [UInt8]?)] = []
        var pendingCheckpoints = signed[...]
        var rootMismatches: [(Int, Checkpoint)] = []
        func checkRoots() {
            while let next = pendingCheckpoints.first, next.checkpoint.size == state.size {
                report.checkpointsChecked += 1
                if state.root() != next.checkpoint.root { rootMismatches.append((next.number, next.checkpoint)) }
                pendingCheckpoints = pendingCheckpoints.dropFirst()
            }
        }
        func compare(_ writes: [(path: String, bytes: [UInt8])]) throws {
            for write in writes {
                let stored = try storage.read(write.path)
                if stored != write.bytes { mismatches.append((write.path, write.bytes, stored)) }
            }
        }
        checkRoots()
        var complete = true
        bundles: for bundleIndex in 0..<((latest.size + 255) / 256) {
            let width = (latest.size >> 8) > bundleIndex ? TilePath.tileWidth : Int(latest.size & 255)
            let path = TilePath.entryBundle(index: bundleIndex, width: width)
            guard let bytes = try storage.read(path) else {
                report.damages.append(
                    LogDamage(
                        .missingEntryBundle, index: bundleIndex * 256, path: path,
                        "entries from \(bundleIndex * 256) are absent"))
                complete = false
                break
            }
            let (entries, failure) = TileCodec.decodeBundlePrefix(bytes)
            if let failure {
                report.damages.append(
                    LogDamage(
                        .truncatedEntryBundle, index: bundleIndex * 256 + UInt64(entries.count), path: path,
                        failure.reason))
                complete = false
                break
            }
            guard entries.count == width else {
                report.damages.append(
                    LogDamage(
                        .truncatedEntryBundle, index: bundleIndex * 256 + UInt64(min(entries.count, width)), path: path,
                        "holds \(entries.count) entries, expected \(width)"))
                complete = false
                break bundles
            }
            for entry in entries {
                _ = try entry.withUnsafeBytes { try state.append(entry: $0) }
                report.entriesChecked += 1
                checkRoots()
            }
            try compare(state.drainCompleted())
            for record in state.drainNodeRecords() {
                let stored = try storage.read(NodeIndex.path, at: record.offset, count: record.bytes.count)
                // Absent or never written (zeros) is allowed: the index is only an accelerator.
                if let stored, stored != record.bytes, stored.contains(where: { $0 != 0 }) {
                    let tile = UInt64(record.offset / NodeIndex.recordBytes)
                    report.damages.append(
                        LogDamage(
                            .alteredNodeIndex, index: tile * 256, path: NodeIndex.path,
                            "record of level-0 tile \(tile) differs from the recomputed hashes"))
                }
            }
        }
        guard complete else { return report }
        try compare(state.drainWrites().filter { !$0.path.hasPrefix("tile/entries/") })

        let entriesMatchSignedRoot = rootMismatches.isEmpty
        for (number, checkpoint) in rootMismatches {
            report.damages.append(
                LogDamage(
                    .rootMismatch, index: UInt64(number), path: CheckpointHistory.path,
                    "entries do not hash to the root signed at size \(checkpoint.size)"))
        }
        for mismatch in mismatches {
            report.damages.append(classify(mismatch, entriesMatchSignedRoot: entriesMatchSignedRoot))
        }
        try checkPublished(
            storage: storage, verifier: verifier, policy: policy, signed: signed.map(\.checkpoint), report: &report)
        return report
    }

    private static func classify(_ m: (path: String, expected: [UInt8], stored: [UInt8]?), entriesMatchSignedRoot: Bool)
        -> LogDamage
    {
        let parts = m.path.split(separator: "/")
        let level = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        let tileIndex = tileIndex(ofPath: m.path)
        guard let stored = m.stored else {
            return LogDamage(.missingTile, index: tileIndex, path: m.path, "level \(level) tile \(tileIndex) is absent")
        }
        guard stored.count == m.expected.count else {
            return LogDamage(
                .truncatedTile, index: tileIndex, path: m.path,
                "has \(stored.count) bytes, expected \(m.expected.count)")
        }
        let first = zip(stored, m.expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? 0
        let position = UInt64(first / MerkleHash.byteCount)
        let nodeIndex = tileIndex * 256 + position
        if level == 0 && !entriesMatchSignedRoot {
            return LogDamage(
                .alteredEntry, index: nodeIndex, path: m.path,
                "entry \(nodeIndex) does not hash to its leaf in the signed tree")
        }
        return LogDamage(
            .alteredTile, index: nodeIndex, path: m.path,
            "level \(level) hash \(nodeIndex) differs from the one recomputed from the entries")
    }

    private static func tileIndex(ofPath path: String) -> UInt64 {
        // tile/<L>/x001/x234/067[.p/<W>]: join the 3-digit groups after the level.
        let afterLevel = path.split(separator: "/").dropFirst(2)
        var index: UInt64 = 0
        for component in afterLevel {
            if component == ".p" || component.hasSuffix(".p") {
                if let digits = UInt64(component.dropLast(2).filter(\.isNumber)) { index = index * 1000 + digits }
                break
            }
            guard let digits = UInt64(component.filter(\.isNumber)) else { break }
            index = index * 1000 + digits
        }
        return index
    }

    private static func checkPublished(
        storage: any LogStorage, verifier: any NoteVerifier, policy: LogPolicy?, signed: [Checkpoint],
        report: inout LogVerificationReport
    ) throws {
        guard let bytes = try storage.read(TilePath.checkpoint) else {
            report.damages.append(LogDamage(.missingCheckpoint, path: TilePath.checkpoint, "no published checkpoint"))
            return
        }
        do {
            let note = try SignedNote(parsing: bytes)
            _ = try note.verify(with: [verifier])
            let checkpoint = try Checkpoint(text: note.text)
            guard signed.contains(checkpoint) else {
                report.damages.append(
                    LogDamage(
                        .rootMismatch, path: TilePath.checkpoint,
                        "published checkpoint at size \(checkpoint.size) is not one the log recorded"))
                return
            }
            report.checkpointsChecked += 1
            if let policy {
                do { try policy.checkQuorum(note) } catch let error as LedgerError {
                    report.damages.append(LogDamage(.quorumNotMet, path: TilePath.checkpoint, error.reason))
                }
            }
        } catch {
            report.damages.append(LogDamage(.badCheckpoint, path: TilePath.checkpoint, "\(error)"))
        }
    }
}
