/// The log's commit journal (local, never served): the commit point of every batch.
///
/// A group commit writes the batch's tiles without waiting for the disk, then appends one
/// record (the batch's entries and the log-signed checkpoint for it) here and flushes this
/// one file: one flush per commit instead of one per tile and directory. After a power
/// loss the tiles written since the journal's base may be missing or torn; reopening
/// replays the records, which rebuilds them exactly. When the journal grows past
/// `rotationBytes`, everything is made durable and the journal starts again from a header
/// naming the new base size.
///
/// Layout: a 16-byte header (`FWJ1`, 4 reserved bytes, the base size as a big-endian
/// uint64), then records: `FWR1`, start size (uint64), entry count (uint32), entry bytes
/// length (uint32), the entries in entry-bundle encoding, note length (uint32), the signed
/// note. Records chain: each starts where the previous ended. Anything after the last
/// record that parses and chains (zeros, a torn record, an older generation) is ignored.
enum CommitJournal {
    /// The file's path in the log's storage.
    static let path = "journal"
    static let headerBytes = 16
    /// The journal restarts once it is this long (a sync of all tiles, amortised over many commits).
    static let rotationBytes = 32 << 20
    /// The file is grown by at least this much at a time, zero-filled, so that most
    /// commits overwrite allocated blocks and the flush has no file metadata to journal.
    static let growthBytes = 4 << 20

    private static let headerMagic: [UInt8] = Array("FWJ1".utf8)
    private static let recordMagic: [UInt8] = Array("FWR1".utf8)

    /// One batch: the entries from `start` and the log-signed note for `start + count`.
    struct Record {
        var start: UInt64
        var entries: [ArraySlice<UInt8>]
        var note: SignedNote
    }

    /// The header of a journal whose records start at `base`.
    static func header(base: UInt64) -> [UInt8] {
        var bytes = headerMagic + [0, 0, 0, 0]
        appendBigEndian(base, to: &bytes)
        return bytes
    }

    /// One record's bytes.
    static func record(start: UInt64, count: Int, entryBytes: [UInt8], note: [UInt8]) -> [UInt8] {
        var bytes = recordMagic
        bytes.reserveCapacity(28 + entryBytes.count + note.count)
        appendBigEndian(start, to: &bytes)
        appendBigEndian(UInt32(count), to: &bytes)
        appendBigEndian(UInt32(entryBytes.count), to: &bytes)
        bytes += entryBytes
        appendBigEndian(UInt32(note.count), to: &bytes)
        bytes += note
        return bytes
    }

    /// The base of a journal that holds no record, from its first bytes (at least the
    /// header, and the next 12 if the file has them); nil if the header is damaged or a
    /// record seems to follow it.
    static func emptyJournalBase(_ head: [UInt8]) -> UInt64? {
        guard head.count >= headerBytes, Array(head[0..<4]) == headerMagic else { return nil }
        let base = readBigEndian(head, at: 8, as: UInt64.self)
        if head.count >= headerBytes + 12, Array(head[headerBytes..<(headerBytes + 4)]) == recordMagic,
            readBigEndian(head, at: headerBytes + 4, as: UInt64.self) == base
        {
            return nil
        }
        return base
    }

    /// The base and the records that parse and chain from it, and where they end; nil if
    /// the header is absent or damaged. Signatures and roots are checked by the replay.
    static func parse(_ bytes: [UInt8]) -> (base: UInt64, records: [Record], end: Int)? {
        guard bytes.count >= headerBytes, Array(bytes[0..<4]) == headerMagic else { return nil }
        let base = readBigEndian(bytes, at: 8, as: UInt64.self)
        var records: [Record] = []
        var offset = headerBytes
        var expected = base
        while offset + 24 <= bytes.count, Array(bytes[offset..<(offset + 4)]) == recordMagic {
            let start = readBigEndian(bytes, at: offset + 4, as: UInt64.self)
            let count = Int(readBigEndian(bytes, at: offset + 12, as: UInt32.self))
            let entryLength = Int(readBigEndian(bytes, at: offset + 16, as: UInt32.self))
            let entriesStart = offset + 20
            guard start == expected, entriesStart + entryLength + 4 <= bytes.count else { break }
            let noteLength = Int(readBigEndian(bytes, at: entriesStart + entryLength, as: UInt32.self))
            let noteStart = entriesStart + entryLength + 4
            guard noteStart + noteLength <= bytes.count,
                let entries = try? TileCodec.decodeBundle(Array(bytes[entriesStart..<(entriesStart + entryLength)])),
                entries.count == count,
                let note = try? SignedNote(parsing: bytes[noteStart..<(noteStart + noteLength)])
            else { break }
            records.append(Record(start: start, entries: entries, note: note))
            expected = start + UInt64(count)
            offset = noteStart + noteLength
        }
        return (base, records, offset)
    }

    private static func appendBigEndian<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    private static func readBigEndian<T: FixedWidthInteger>(_ bytes: [UInt8], at offset: Int, as: T.Type) -> T {
        var value: T = 0
        for i in 0..<MemoryLayout<T>.size { value = value << 8 | T(bytes[offset + i]) }
        return value
    }
}
