/// Where a log keeps its files, addressed by the tlog-tiles relative paths.
///
/// Writes are staged and become visible and durable together at `sync()`, which is how
/// the log implements group commit: all tiles of a batch are made durable before the
/// checkpoint that refers to them is written.
public protocol LogStorage: AnyObject {
    /// The bytes of a file, or nil if it does not exist.
    func read(_ path: String) throws -> [UInt8]?
    /// Stages a whole-file write (create or replace).
    func write(_ path: String, _ bytes: [UInt8]) throws
    /// Makes every staged write durable and visible.
    func sync() throws
    /// Appends to a file and makes the append durable before returning.
    func appendDurably(_ path: String, _ bytes: [UInt8]) throws
    /// Shortens a file to `length` bytes, durably.
    func truncate(_ path: String, to length: Int) throws
    /// Stages a write of `bytes` at `offset` in a file (created if needed); durable after `sync()`.
    func write(_ path: String, at offset: Int, _ bytes: [UInt8]) throws
    /// `count` bytes at `offset`, or nil if the file is absent or shorter.
    func read(_ path: String, at offset: Int, count: Int) throws -> [UInt8]?
    /// Replaces a whole file so that readers see the old or the new bytes, never a mix,
    /// at once, but without waiting for the disk: the write is durable only after
    /// `syncEverything()` (or `sync()`). The log uses it for files that its commit journal
    /// can rebuild after a power loss.
    func writeVisible(_ path: String, _ bytes: [UInt8]) throws
    /// Writes a whole file in place (created or truncated), visible at once but neither
    /// atomically nor durably. Only for files that no published checkpoint refers to yet and
    /// that the commit journal can rebuild: new tiles and bundles, written before the
    /// checkpoint that names them, so no reader of the published files can see them half-written.
    func writeUnpublished(_ path: String, _ bytes: [UInt8]) throws
    /// Makes the positional writes to one file durable (one flush, the commit point).
    func syncFile(_ path: String) throws
    /// Makes every write so far durable, including `writeVisible` ones.
    func syncEverything() throws
    /// Fills `buffer` from `offset` in a file without allocating; false if the file is
    /// absent or shorter.
    func read(_ path: String, at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws -> Bool
    /// The first bytes of a file (up to `length`) mapped read-only into memory, valid while
    /// the storage lives; nil if the file is absent or the storage cannot map files. Only
    /// for files that are never truncated or rewritten in place below `length`.
    func mapped(_ path: String, length: Int) throws -> UnsafeRawBufferPointer?
    /// The length of a file in bytes, or nil if it does not exist.
    func length(_ path: String) throws -> Int?
    /// Releases a region returned by `mapped` (readers release theirs when they go, so a
    /// long-running log that reads after every commit does not pile up mappings).
    func unmap(_ region: UnsafeRawBufferPointer)
}

extension LogStorage {
    /// A storage without a cheaper path makes the write durable at once.
    public func writeVisible(_ path: String, _ bytes: [UInt8]) throws {
        try write(path, bytes)
        try sync()
    }

    /// A storage without a cheaper path replaces the file atomically.
    public func writeUnpublished(_ path: String, _ bytes: [UInt8]) throws {
        try writeVisible(path, bytes)
    }

    /// A storage without a cheaper path syncs everything.
    public func syncFile(_ path: String) throws { try sync() }

    /// A storage without a cheaper path syncs everything staged.
    public func syncEverything() throws { try sync() }

    /// A storage without memory mapping reads instead.
    public func mapped(_ path: String, length: Int) throws -> UnsafeRawBufferPointer? { nil }

    /// A storage without a cheaper path reads the file.
    public func length(_ path: String) throws -> Int? { try read(path)?.count }

    /// Nothing was mapped.
    public func unmap(_ region: UnsafeRawBufferPointer) {}

    /// A storage without a cheaper path copies from an allocated read.
    public func read(_ path: String, at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws -> Bool {
        guard let bytes = try read(path, at: offset, count: buffer.count) else { return false }
        bytes.withUnsafeBytes { buffer.copyMemory(from: $0) }
        return true
    }
}
