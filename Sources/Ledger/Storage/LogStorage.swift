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
}
