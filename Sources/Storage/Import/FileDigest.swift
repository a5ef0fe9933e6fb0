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
}
