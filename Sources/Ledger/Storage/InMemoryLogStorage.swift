/// Storage in memory, for tests and benchmarks. Counts syncs so tests can check group commit.
public final class InMemoryLogStorage: LogStorage {
    private var files: [String: [UInt8]] = [:]
    private var staged: [(String, [UInt8])] = []
    /// How many times `sync()` made staged writes durable.
    public private(set) var syncCount = 0

    /// Creates empty storage.
    public init() {}

    public func read(_ path: String) throws -> [UInt8]? { files[path] }

    public func write(_ path: String, _ bytes: [UInt8]) throws { staged.append((path, bytes)) }

    public func sync() throws {
        for (path, bytes) in staged { files[path] = bytes }
        staged.removeAll(keepingCapacity: true)
        syncCount += 1
    }

    public func appendDurably(_ path: String, _ bytes: [UInt8]) throws { files[path, default: []] += bytes }

    public func truncate(_ path: String, to length: Int) throws {
        guard let file = files[path] else { return }
        files[path] = Array(file.prefix(length))
    }

    public func write(_ path: String, at offset: Int, _ bytes: [UInt8]) throws {
        var file = files[path] ?? []
        if file.count < offset + bytes.count { file += [UInt8](repeating: 0, count: offset + bytes.count - file.count) }
        file.replaceSubrange(offset..<(offset + bytes.count), with: bytes)
        // Applied at once: memory has no durability to wait for.
        files[path] = file
    }

    public func read(_ path: String, at offset: Int, count: Int) throws -> [UInt8]? {
        guard let file = files[path], offset >= 0, offset + count <= file.count else { return nil }
        return Array(file[offset..<(offset + count)])
    }

    /// Replaces a file directly (tests use it to damage a log).
    public func corrupt(_ path: String, _ bytes: [UInt8]?) { files[path] = bytes }

    /// Every path currently stored.
    public var paths: [String] { files.keys.sorted() }
}
