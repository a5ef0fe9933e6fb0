import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Where an export's bytes come from, a chunk at a time, so a 2 GB file never sits in memory.
public protocol ByteSource {
    /// The next chunk, or nil at the end.
    mutating func nextChunk() throws(IngestError) -> [UInt8]?
    /// How many bytes the source holds in all, when known (a file), for sizing tables ahead;
    /// nil when not known.
    var byteCount: Int? { get }
}

extension ByteSource {
    /// Not known, unless the source says.
    public var byteCount: Int? { nil }
}

/// Bytes already in memory (tests, small files), handed out in chunks of a given size.
public struct MemoryByteSource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0
    private let chunkSize: Int

    public init(_ bytes: [UInt8], chunkSize: Int = 1 << 20) {
        self.bytes = bytes
        self.chunkSize = max(1, chunkSize)
    }

    public var byteCount: Int? { bytes.count }

    public mutating func nextChunk() throws(IngestError) -> [UInt8]? {
        guard offset < bytes.count else { return nil }
        let end = min(bytes.count, offset + chunkSize)
        defer { offset = end }
        return Array(bytes[offset..<end])
    }
}

/// A file read in chunks through a `FileHandle`.
public final class FileByteSource: ByteSource {
    private let handle: FileHandle
    private let path: String
    private let chunkSize: Int

    /// Opens `path`; throws naming it when it cannot be read.
    public init(path: String, chunkSize: Int = 1 << 20) throws(IngestError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw IngestError(file: path, message: "cannot open the file (does it exist, and may it be read?)")
        }
        self.handle = handle
        self.path = path
        self.chunkSize = chunkSize
    }

    deinit { try? handle.close() }

    /// The file's size when opened.
    public var byteCount: Int? {
        var info = stat()
        guard fstat(handle.fileDescriptor, &info) == 0, info.st_size > 0 else { return nil }
        return Int(info.st_size)
    }

    public func nextChunk() throws(IngestError) -> [UInt8]? {
        // read(2) straight into the array: no `Data` in between to copy from.
        let fd = handle.fileDescriptor
        var failure: Int32 = 0
        let chunk = [UInt8](unsafeUninitializedCapacity: chunkSize) { buffer, count in
            count = 0
            while count < buffer.count {
                let got = read(fd, buffer.baseAddress! + count, buffer.count - count)
                if got > 0 {
                    count += got
                } else if got == 0 {
                    break
                } else if errno != EINTR {
                    failure = errno
                    break
                }
            }
        }
        if failure != 0 {
            throw IngestError(file: path, message: "reading failed: \(String(cString: strerror(failure)))")
        }
        return chunk.isEmpty ? nil : chunk
    }
}
