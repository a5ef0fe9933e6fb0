import Crypto
import Foundation
import Ledger

/// SHA-256 of files too large to hold in memory, read in chunks.
public enum FileDigest {
    /// Lower-case hex SHA-256 of the file at `path`.
    public static func sha256(ofFileAt path: String, chunkSize: Int = 4 << 20) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ImportError(file: path, line: nil, field: nil, message: "cannot open the file (does it exist, and may it be read?)")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let data = try handle.read(upToCount: chunkSize), !data.isEmpty { hasher.update(data: data) }
        return HexCoding.encode(hasher.finalize())
    }

    /// Starts hashing the file at `path` on another thread, so the digest is computed while the
    /// caller reads the same file (from the page cache) on this one; `value()` waits for it.
    public static func start(ofFileAt path: String) -> Pending {
        let pending = Pending()
        let thread = Thread {
            let result = Result(catching: { try sha256(ofFileAt: path) })
            pending.condition.withLock {
                pending.result = result
                pending.condition.signal()
            }
        }
        thread.stackSize = 1 << 20
        thread.start()
        return pending
    }

    /// A digest being computed on another thread.
    public final class Pending: @unchecked Sendable {
        // Guarded by `condition`.
        fileprivate let condition = NSCondition()
        fileprivate var result: Result<String, any Error>?

        /// The hex SHA-256, once the other thread has it; throws what hashing threw.
        public func value() throws -> String {
            let result = condition.withLock {
                while self.result == nil { condition.wait() }
                return self.result!
            }
            return try result.get()
        }
    }
}
