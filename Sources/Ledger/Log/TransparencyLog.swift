import Foundation

/// An append-only Merkle log stored as tlog-tiles, with signed, witnessed checkpoints.
///
/// `append` stages entries in memory; `commit` is the group commit: it writes every
/// changed tile and entry bundle, makes them durable, signs a checkpoint and records it
/// durably in the checkpoint history (from then on the log is bound to that tree), then
/// asks the witnesses to cosign and, once the policy's quorum is met, publishes the
/// cosigned checkpoint at `checkpoint`. Entries are acknowledged only when `commit`
/// returns. Use one instance from one task at a time.
public final class TransparencyLog {
    /// What a log needs besides its storage.
    public struct Configuration {
        /// The checkpoint origin line.
        public var origin: String
        /// The log's signing key.
        public var signer: any NoteSigner
        /// The log's verifier key, matching `signer`.
        public var verifier: any NoteVerifier
        /// Witnesses and quorum.
        public var policy: LogPolicy
        /// How to reach the witnesses named by the policy.
        public var witnesses: [any WitnessClient]
        /// How long the commit journal grows before every tile is synced and it starts
        /// again: longer means fewer full syncs, and more to replay after a crash.
        public var journalRestartBytes: Int = CommitJournal.rotationBytes
        /// How often a commit also writes the right edge (partial tiles and the partial
        /// entry bundle) and publishes its checkpoint, when no witness is configured. Zero
        /// (the default): every commit. Longer: a commit writes only its full tiles and
        /// bundles and the journal record (as Tessera publishes its checkpoint on an
        /// interval), so the served checkpoint lags by up to this long; acknowledged entries
        /// are durable either way, and readers of the published files still see a
        /// consistent checkpoint and tiles. Reading from this instance publishes first.
        public var checkpointInterval: Duration = .zero

        /// Creates a configuration.
        public init(
            origin: String, signer: any NoteSigner, verifier: any NoteVerifier,
            policy: LogPolicy = .none, witnesses: [any WitnessClient] = []
        ) {
            self.origin = origin
            self.signer = signer
            self.verifier = verifier
            self.policy = policy
            self.witnesses = witnesses
        }

        /// Whether a commit publishes its checkpoint at once: no witness to wait for.
        var publishesAtCommit: Bool { witnesses.isEmpty && policy.quorum == 0 }
    }

    /// The storage holding tiles, bundles and checkpoints.
    public let storage: any LogStorage
    /// The configuration.
    public let configuration: Configuration
    private var state: TileLogState
    /// The latest checkpoint recorded in the history (durable, signed by the log).
    public private(set) var committed: Checkpoint
    /// The latest published (log-signed and sufficiently cosigned) checkpoint note.
    public private(set) var published: SignedNote?
    private var witnessedSizes: [String: UInt64] = [:]
    /// The byte length of the checkpoint history (where the next record goes).
    private var historyLength: Int
    /// Where the next commit-journal record goes, and the journal file's length.
    private var journalLength = 0
    private var journalAllocated = 0
    /// The size the journal's header names (its records start there).
    private var journalBase: UInt64?
    /// The fast inclusion prover of the committed tree, grown as the log grows.
    private var prover: InclusionProver?
    private var cachedReader: TileNodeReader?
    /// The state right after the last commit (drained), restored if a commit fails and
    /// used to write a deferred right edge while newer entries are staged.
    private var committedState: TileLogState
    /// The committed checkpoint note whose right edge and publication are deferred.
    private var deferredNote: SignedNote?
    private var lastPublication = ContinuousClock.now

    private init(
        storage: any LogStorage, configuration: Configuration, state: TileLogState, committed: Checkpoint,
        published: SignedNote?, historyLength: Int
    ) {
        self.historyLength = historyLength
        self.storage = storage
        self.configuration = configuration
        self.state = state
        self.state.journaling = true
        self.committedState = self.state
        self.committed = committed
        self.published = published
    }

    /// Opens the log in `storage`, creating an empty one if there is none, and recovering
    /// after a crash: records in the commit journal are replayed (which rebuilds any tile
    /// a power loss took), the log reopens at the last checkpoint committed, and anything
    /// written after it is ignored and later overwritten.
    ///
    /// After ``close()`` (or a journal restart) the journal holds no record, and opening
    /// reads only its header, the last history record and the right edge: O(1) in the
    /// size of the log. Otherwise the history and the journal are read whole.
    public static func open(storage: any LogStorage, configuration: Configuration) throws -> TransparencyLog {
        if let clean = try cleanState(storage: storage, verifier: configuration.verifier) {
            return try open(
                storage: storage, configuration: configuration, last: clean.last, historyLength: clean.historyLength,
                journalEnd: CommitJournal.headerBytes, journalAllocated: clean.journalLength, journalBase: clean.base)
        }
        var history = CheckpointHistory.parse(try storage.read(CheckpointHistory.path) ?? [])
        if history.tornBytes > 0 {
            try storage.truncate(CheckpointHistory.path, to: history.validLength)
        }
        let journalBytes = try storage.read(CommitJournal.path)
        let journal = journalBytes.flatMap(CommitJournal.parse)
        if let journal, !journal.records.isEmpty {
            try replay(journal, history: history, storage: storage, configuration: configuration)
            history = CheckpointHistory.parse(try storage.read(CheckpointHistory.path) ?? [])
        }
        let published = try storage.read(TilePath.checkpoint).flatMap { try? SignedNote(parsing: $0) }
        guard let last = history.notes.last else {
            let hasEntries =
                try storage.read(TilePath.entryBundle(index: 0, width: 1)) != nil
                || storage.read(TilePath.entryBundle(index: 0)) != nil
            if published != nil || hasEntries {
                throw LedgerError(
                    .checkpointMismatch,
                    "the log has tiles or a checkpoint but no checkpoint history; refusing to start over")
            }
            let log = TransparencyLog(
                storage: storage, configuration: configuration, state: TileLogState(),
                committed: Checkpoint(origin: configuration.origin, size: 0, root: RFC9162.emptyRoot), published: nil,
                historyLength: 0)
            try log.restartJournal(allocated: journalBytes?.count ?? 0)
            do {
                _ = try log.commit(force: true)
            } catch let error as LedgerError where error.code == .quorumNotMet {
                // The empty tree is committed; it is published once witnesses answer.
            }
            return log
        }
        let journalIsClean = journal.map { $0.records.isEmpty } ?? false
        return try open(
            storage: storage, configuration: configuration, last: last, historyLength: history.validLength,
            journalEnd: journalIsClean ? journal?.end : nil, journalAllocated: journalBytes?.count ?? 0,
            journalBase: journal?.base)
    }

    /// The journal's length and base, and the last history record, when the journal holds
    /// no record and the history ends with a whole record for the journal's base: what a
    /// clean open needs, read in O(1). Nil otherwise (the caller reads everything).
    private static func cleanState(storage: any LogStorage, verifier: any NoteVerifier) throws -> (
        last: SignedNote, historyLength: Int, journalLength: Int, base: UInt64
    )? {
        guard let journalLength = try storage.length(CommitJournal.path),
            let head = try storage.read(
                CommitJournal.path, at: 0, count: min(journalLength, CommitJournal.headerBytes + 12)),
            let base = CommitJournal.emptyJournalBase(head),
            let historyLength = try storage.length(CheckpointHistory.path),
            historyLength > 0
        else { return nil }
        let window = min(historyLength, CheckpointHistory.tailWindow)
        guard let tail = try storage.read(CheckpointHistory.path, at: historyLength - window, count: window),
            let last = CheckpointHistory.lastRecord(
                inTail: tail, isWholeFile: window == historyLength, verifier: verifier),
            let checkpoint = try? Checkpoint(text: last.text), checkpoint.size == base
        else { return nil }
        return (last, historyLength, journalLength, base)
    }

    /// Opens the log at the last history record `last`; `journalEnd` is where the next
    /// journal record goes if the journal can be kept as it is (nil: start it again).
    private static func open(
        storage: any LogStorage, configuration: Configuration, last: SignedNote, historyLength: Int,
        journalEnd: Int?, journalAllocated: Int, journalBase: UInt64?
    ) throws -> TransparencyLog {
        var published = try storage.read(TilePath.checkpoint).flatMap { try? SignedNote(parsing: $0) }
        _ = try last.verify(with: [configuration.verifier])
        let checkpoint = try Checkpoint(text: last.text)
        guard checkpoint.origin == configuration.origin else {
            throw LedgerError(.originMismatch, "log origin is \(checkpoint.origin), not \(configuration.origin)")
        }
        let state = try TileLogState.load(size: checkpoint.size, storage: storage)
        guard state.root() == checkpoint.root else {
            throw LedgerError(.checkpointMismatch, "tiles at size \(checkpoint.size) do not match the signed root")
        }
        if configuration.publishesAtCommit, published?.text != last.text {
            // The commit journal holds what the served checkpoint lost in a crash.
            try storage.write(TilePath.checkpoint, Array(last.serialized.utf8))
            try storage.sync()
            published = last
        }
        let log = TransparencyLog(
            storage: storage, configuration: configuration, state: state, committed: checkpoint, published: published,
            historyLength: historyLength)
        if let journalEnd, journalBase == checkpoint.size {
            log.journalLength = journalEnd
            log.journalAllocated = journalAllocated
            log.journalBase = checkpoint.size
        } else {
            try log.restartJournal(allocated: journalAllocated)
        }
        return log
    }

    /// Rebuilds the tiles, node index and history of the journal's records whose
    /// signatures and roots check, and makes them durable.
    private static func replay(
        _ journal: (base: UInt64, records: [CommitJournal.Record], end: Int),
        history: (notes: [SignedNote], validLength: Int, tornBytes: Int), storage: any LogStorage,
        configuration: Configuration
    ) throws {
        var state = try TileLogState.load(size: journal.base, storage: storage)
        var notes: [(SignedNote, UInt64)] = []
        for record in journal.records {
            guard (try? record.note.verify(with: [configuration.verifier])) != nil,
                let checkpoint = try? Checkpoint(text: record.note.text), checkpoint.origin == configuration.origin,
                checkpoint.size == record.start + UInt64(record.entries.count), state.size == record.start
            else { break }
            for entry in record.entries { _ = try entry.withUnsafeBytes { try state.append(entry: $0) } }
            // A torn or mixed record: stop; its batch was never acknowledged.
            guard state.root() == checkpoint.root else { break }
            for nodeRecord in state.drainNodeRecords() {
                try storage.write(NodeIndex.path, at: nodeRecord.offset, nodeRecord.bytes)
            }
            for write in state.drainWrites() { try storage.write(write.path, write.bytes) }
            notes.append((record.note, checkpoint.size))
        }
        let historySize = history.notes.last.flatMap { try? Checkpoint(text: $0.text) }?.size ?? 0
        var historyLength = history.validLength
        for (note, size) in notes where size > historySize {
            let record = CheckpointHistory.record(note)
            try storage.write(CheckpointHistory.path, at: historyLength, record)
            historyLength += record.count
        }
        try storage.sync()
    }

    /// Starts the journal afresh at the committed size, after making every earlier write durable.
    private func restartJournal(allocated: Int) throws {
        // The new base's right edge must be on disk: the journal will no longer rebuild it.
        try publishDeferred()
        try storage.syncEverything()
        // The header, and zeros over the first record's magic: a stale record that happens to
        // start at the new base must not look like a record of the new journal.
        try storage.write(CommitJournal.path, at: 0, CommitJournal.header(base: committed.size) + [0, 0, 0, 0])
        journalBase = committed.size
        if allocated > 0 {
            try storage.syncFile(CommitJournal.path)
        } else {
            // A new file's name must be durable too: syncEverything covers its directory.
            try storage.syncEverything()
        }
        journalLength = CommitJournal.headerBytes
        journalAllocated = max(allocated, CommitJournal.headerBytes + 4)
    }

    /// Appends a record to the journal and flushes it: the commit point of a batch.
    private func appendToJournal(start: UInt64, note: [UInt8]) throws {
        let entries = state.drainJournal()
        let record = CommitJournal.record(start: start, count: entries.count, entryBytes: entries.bytes, note: note)
        if journalLength + record.count > journalAllocated {
            let grown = journalLength + record.count + CommitJournal.growthBytes
            try storage.write(
                CommitJournal.path, at: journalAllocated, [UInt8](repeating: 0, count: grown - journalAllocated))
            journalAllocated = grown
        }
        try storage.write(CommitJournal.path, at: journalLength, record)
        try storage.syncFile(CommitJournal.path)
        journalLength += record.count
    }

    /// The number of entries, including those staged but not yet committed.
    public var size: UInt64 { state.size }

    /// Stages an entry; returns its index. It is durable and acknowledged only after `commit()`.
    @discardableResult
    public func append(_ entry: [UInt8]) throws -> UInt64 {
        try entry.withUnsafeBytes { try state.append(entry: $0) }
    }

    /// Stages an entry; returns its index. It is durable and acknowledged only after `commit()`.
    @discardableResult
    public func append(_ entry: some Collection<UInt8>) throws -> UInt64 {
        if let index = try entry.withContiguousStorageIfAvailable({
            try state.append(entry: UnsafeRawBufferPointer($0))
        }) {
            return index
        }
        return try Array(entry).withUnsafeBytes { try state.append(entry: $0) }
    }

    /// Appends a batch and commits it: one group commit. Returns the indices.
    public func append(batch: [[UInt8]]) throws -> Range<UInt64> {
        let first = state.size
        do {
            for entry in batch { try append(entry) }
        } catch {
            state = committedState
            throw error
        }
        _ = try commit()
        return first..<state.size
    }

    /// Makes staged entries durable, signs and records the checkpoint, gathers
    /// cosignatures and publishes. Returns the committed checkpoint's note (published
    /// unless `Configuration.checkpointInterval` defers it; a commit with nothing staged
    /// publishes what was deferred).
    @discardableResult
    public func commit() throws -> SignedNote {
        try commit(force: false)
    }

    private func commit(force: Bool) throws -> SignedNote {
        if !force, state.size == committed.size, let published, (try? Checkpoint(text: published.text)) == committed {
            return published
        }
        if force || state.size != committed.size {
            do {
                let checkpoint = Checkpoint(origin: configuration.origin, size: state.size, root: state.root())
                let note = SignedNote(
                    text: checkpoint.text, signatures: [try configuration.signer.signature(forText: checkpoint.text)])
                let noteBytes = Array(note.serialized.utf8)
                let now = ContinuousClock.now
                // The first (empty) checkpoint of a new log is published at once; deferred
                // files are bounded (about 30 MB of tiles and bundles).
                let publishNow =
                    force || !configuration.publishesAtCommit || configuration.checkpointInterval == .zero
                    || now - lastPublication >= configuration.checkpointInterval
                    || state.completedCount >= Self.maximumDeferredFiles
                if publishNow {
                    // Tiles, bundles and node-index records become visible now and durable
                    // at the next journal restart; until then the journal record can rebuild
                    // them. They are new files no published checkpoint names yet, so they are
                    // written in place. Within a checkpoint interval they wait in memory, so
                    // that such a commit is one journal write and one flush.
                    try writeFiles(of: &state)
                }
                try appendToJournal(start: committed.size, note: noteBytes)
                // Committed: from here on the batch survives a crash.
                committed = checkpoint
                committedState = state
                let record = CheckpointHistory.record(note)
                try storage.write(CheckpointHistory.path, at: historyLength, record)
                historyLength += record.count
                if configuration.publishesAtCommit {
                    if publishNow {
                        try storage.writeVisible(TilePath.checkpoint, noteBytes)
                        published = note
                        deferredNote = nil
                        lastPublication = now
                    } else {
                        deferredNote = note
                    }
                }
                if journalLength >= configuration.journalRestartBytes {
                    try restartJournal(allocated: journalAllocated)
                }
                if configuration.publishesAtCommit { return note }
            } catch {
                // Drop what was staged: the caller was not told it is stored.
                state = committedState
                throw error
            }
        }
        return try publish()
    }

    /// Writes the node-index records, full tiles and bundles and the right edge that `state`
    /// holds, in place (see `LogStorage.writeUnpublished`); returns how many records and
    /// full files it wrote.
    @discardableResult
    private func writeFiles(of state: inout TileLogState) throws -> (nodeRecords: Int, completed: Int) {
        let records = state.drainNodeRecords()
        for record in records { try storage.write(NodeIndex.path, at: record.offset, record.bytes) }
        let completed = state.drainCompleted()
        for write in completed { try storage.writeUnpublished(write.path, write.bytes) }
        for write in state.drainEdge() { try storage.writeUnpublished(write.path, write.bytes) }
        return (records.count, completed.count)
    }

    /// Completed files a checkpoint interval may hold back before a commit publishes anyway.
    static let maximumDeferredFiles = 1024

    /// Writes the files of the committed tree and publishes its checkpoint, if a commit
    /// deferred them (see `Configuration.checkpointInterval`).
    public func publishDeferred() throws {
        guard let note = deferredNote else { return }
        var written = committedState
        let counts = try writeFiles(of: &written)
        try storage.writeVisible(TilePath.checkpoint, Array(note.serialized.utf8))
        if state.size == committedState.size {
            state = written
        } else {
            // The staged state still lists what was just written, ahead of its own files.
            state.dropWritten(completed: counts.completed, nodeRecords: counts.nodeRecords)
        }
        committedState = written
        published = note
        deferredNote = nil
        lastPublication = ContinuousClock.now
    }

    /// Asks the witnesses to cosign the committed checkpoint and publishes it once the
    /// policy's quorum is met. Throws `quorumNotMet` otherwise (the entries stay committed
    /// and the next commit or publish tries again).
    @discardableResult
    public func publish() throws -> SignedNote {
        try publishDeferred()
        let text = committed.text
        var note = SignedNote(text: text, signatures: [try configuration.signer.signature(forText: text)])
        var failures: [String] = []
        for witness in configuration.witnesses {
            do {
                note.signatures += try cosign(with: witness, note: note)
            } catch {
                failures.append("\(witness.name): \(error)")
            }
        }
        do {
            try configuration.policy.checkQuorum(note)
        } catch let error as LedgerError {
            throw LedgerError(.quorumNotMet, ([error.reason] + failures).joined(separator: "; "))
        }
        try storage.write(TilePath.checkpoint, Array(note.serialized.utf8))
        try storage.sync()
        published = note
        return note
    }

    private func cosign(with witness: any WitnessClient, note: SignedNote) throws -> [NoteSignature] {
        var oldSize = witnessedSizes[witness.name] ?? 0
        for attempt in 0..<2 {
            let proof =
                oldSize == 0 || oldSize >= committed.size ? [] : try consistencyProof(from: oldSize, to: committed.size)
            do {
                let lines = try witness.addCheckpoint(
                    AddCheckpointRequest(oldSize: oldSize, proof: proof, checkpoint: note))
                witnessedSizes[witness.name] = committed.size
                return lines
            } catch let error as WitnessError where error.code == .sizeConflict && attempt == 0 {
                guard let size = error.witnessedSize, size <= committed.size else { throw error }
                oldSize = size
            }
        }
        return []
    }

    // MARK: - Reading

    /// A reader over the committed tree's tiles.
    public func nodeReader(cacheCapacity: Int = 4096) -> TileNodeReader {
        // A deferred right edge is written first; if that fails, reads of it fail with missingTile.
        try? publishDeferred()
        return TileNodeReader(storage: storage, size: committed.size, cacheCapacity: cacheCapacity)
    }

    /// The reader proofs use, kept while the committed size stays the same so that its
    /// tile cache serves many proofs.
    private func sharedReader() throws -> TileNodeReader {
        try publishDeferred()
        if let cachedReader, cachedReader.size == committed.size { return cachedReader }
        let reader = nodeReader(cacheCapacity: 1024)
        cachedReader = reader
        return reader
    }

    /// The root of the committed tree at `size` (default: the committed size).
    public func root(size: UInt64? = nil) throws -> MerkleHash {
        let size = size ?? committed.size
        guard size <= committed.size else {
            throw LedgerError(.sizeOutOfRange, "size \(size) exceeds log size \(committed.size)")
        }
        return try MerkleProofs.root(size: size, reader: try sharedReader())
    }

    /// The inclusion proof of entry `index` in the committed tree of `size` leaves.
    public func inclusionProof(index: UInt64, size: UInt64? = nil) throws -> [MerkleHash] {
        let size = size ?? committed.size
        guard size <= committed.size else {
            throw LedgerError(.sizeOutOfRange, "size \(size) exceeds log size \(committed.size)")
        }
        if size == committed.size { return try inclusionProver().inclusionProof(index: index) }
        return try MerkleProofs.inclusion(index: index, size: size, reader: try sharedReader())
    }

    /// The fast prover of the committed tree (see ``InclusionProver``), grown to the
    /// committed size. The first call writes any node-index record the log lacks.
    public func inclusionProver() throws -> InclusionProver {
        try publishDeferred()
        if let prover {
            try prover.extend(to: committed.size)
            return prover
        }
        try rebuildNodeIndex()
        let made = try InclusionProver(storage: storage, size: committed.size)
        prover = made
        return made
    }

    /// Writes the node-index records that the full tiles of the committed tree lack (a log
    /// written before the index had its present layout), from the level-0 tiles, and makes
    /// them durable. Returns how many it wrote.
    @discardableResult
    public func rebuildNodeIndex() throws -> Int {
        try publishDeferred()
        let tiles = committed.size >> 8
        let present = UInt64(try storage.length(NodeIndex.path) ?? 0) / UInt64(NodeIndex.recordBytes)
        guard present < tiles else { return 0 }
        for tile in present..<tiles {
            let path = TilePath.tile(level: 0, index: tile)
            guard let bytes = try storage.read(path) else { throw LedgerError(.missingTile, "tile \(path) is missing") }
            guard bytes.count == TilePath.fullTileBytes, let hashes = TileCodec.decodeTile(bytes) else {
                throw LedgerError(
                    .corruptTile, "tile \(path) has \(bytes.count) bytes, expected \(TilePath.fullTileBytes)")
            }
            let record = NodeIndex.record(ofFullTile: hashes).bytes
            try storage.write(NodeIndex.path, at: NodeIndex.offset(ofTile: tile), record)
        }
        try storage.syncFile(NodeIndex.path)
        return Int(tiles - present)
    }

    /// Makes every write durable and empties the commit journal, so that the next
    /// ``open(storage:configuration:)`` has nothing to replay and reads O(1) bytes. Call it
    /// before the process ends; the log stays usable. Costs one file-system sync, unless
    /// nothing was committed since the last one.
    public func close() throws {
        try publishDeferred()
        guard journalLength > CommitJournal.headerBytes || journalBase != committed.size else { return }
        try restartJournal(allocated: journalAllocated)
    }

    /// The consistency proof between two committed sizes.
    public func consistencyProof(from oldSize: UInt64, to newSize: UInt64) throws -> [MerkleHash] {
        guard newSize <= committed.size else {
            throw LedgerError(.sizeOutOfRange, "size \(newSize) exceeds log size \(committed.size)")
        }
        return try MerkleProofs.consistency(from: oldSize, to: newSize, reader: try sharedReader())
    }

    /// The exact bytes of committed entry `index`.
    public func entry(at index: UInt64) throws -> [UInt8] {
        try publishDeferred()
        return try Self.entry(at: index, size: committed.size, storage: storage)
    }

    /// The exact bytes of entry `index` of a tree of `size` leaves in `storage`.
    public static func entry(at index: UInt64, size: UInt64, storage: any LogStorage) throws -> [UInt8] {
        guard index < size else { throw LedgerError(.sizeOutOfRange, "index \(index) is not below log size \(size)") }
        let bundleIndex = index >> 8
        let width = (size >> 8) > bundleIndex ? TilePath.tileWidth : Int(size & 255)
        let path = TilePath.entryBundle(index: bundleIndex, width: width)
        guard let bytes = try storage.read(path) else {
            throw LedgerError(.missingTile, "entry bundle \(path) is missing")
        }
        let entries = try TileCodec.decodeBundle(bytes)
        let offset = Int(index & 255)
        guard entries.count == width else {
            throw LedgerError(
                .corruptEntryBundle, "entry bundle \(path) holds \(entries.count) entries, expected \(width)")
        }
        return Array(entries[offset])
    }
}
