import Crypto
import Foundation
import Ingestion
import Ledger

/// An export file read for parsing whose SHA-256 is computed from the same reads, on the reading
/// thread, instead of a second pass over the file.
///
/// A class: the CSV or JSON Lines reader takes the source onto its reading thread, while the
/// caller asks for the digest once the rows are read (the lock orders the two).
final class HashingFileSource: ByteSource, @unchecked Sendable {
    private let file: FileByteSource
    private let lock = NSLock()
    // Guarded by `lock`.
    private var hasher = SHA256()
    private var digest: String?

    /// Opens `path`; throws naming it when it cannot be read.
    init(path: String) throws(IngestError) {
        file = try FileByteSource(path: path)
    }

    func nextChunk() throws(IngestError) -> [UInt8]? {
        let chunk = try file.nextChunk()
        lock.withLock {
            if let chunk {
                hasher.update(data: chunk)
            } else if digest == nil {
                digest = HexCoding.encode(hasher.finalize())
            }
        }
        return chunk
    }

    var byteCount: Int? { file.byteCount }

    /// The hex SHA-256 of the file once it has been read to its end; nil before.
    var sha256: String? { lock.withLock { digest } }
}
