/// Storage in memory, for tests and benchmarks. It models durability: what a power loss
/// keeps is only what a sync made durable, so tests can check recovery from the commit
/// journal. Counts syncs (each one a flush on a real disk) so tests can check group commit.
public final class InMemoryLogStorage: LogStorage {
    private var files: [String: [UInt8]] = [:]
    /// What survives `simulatePowerLoss()`.
    private var durable: [String: [UInt8]] = [:]
    private var staged: [(String, [UInt8])] = []
    private var visibleDirty: Set<String> = []
    private var positionalDirty: Set<String> = []
    /// How many times a sync (`sync`, `syncFile` or `syncEverything`) made writes durable.
    public private(set) var syncCount = 0

    /// Creates empty storage.
    public init() {}

    public func read(_ path: String) throws -> [UInt8]? { files[path] }

    public func write(_ path: String, _ bytes: [UInt8]) throws { staged.append((path, bytes)) }

    public func sync() throws {
        for (path, bytes) in staged {
            files[path] = bytes
            durable[path] = bytes
        }
        staged.removeAll(keepingCapacity: true)
        for path in positionalDirty { durable[path] = files[path] }
        positionalDirty.removeAll()
        syncCount += 1
    }

    public func appendDurably(_ path: String, _ bytes: [UInt8]) throws {
        files[path, default: []] += bytes
        durable[path] = files[path]
    }

    public func truncate(_ path: String, to length: Int) throws {
        guard let file = files[path] else { return }
        files[path] = Array(file.prefix(length))
        durable[path] = files[path]
    }

    public func write(_ path: String, at offset: Int, _ bytes: [UInt8]) throws {
        // In place: copying the file out and back would make growing files quadratic.
        files[path, default: []].withGrowth(to: offset + bytes.count)
        files[path]?.replaceSubrange(offset..<(offset + bytes.count), with: bytes)
        positionalDirty.insert(path)
    }

    public func length(_ path: String) throws -> Int? { files[path]?.count }

    public func read(_ path: String, at offset: Int, count: Int) throws -> [UInt8]? {
        guard let file = files[path], offset >= 0, offset + count <= file.count else { return nil }
        return Array(file[offset..<(offset + count)])
    }

    public func writeVisible(_ path: String, _ bytes: [UInt8]) throws {
        files[path] = bytes
        visibleDirty.insert(path)
    }

    public func writeUnpublished(_ path: String, _ bytes: [UInt8]) throws {
        files[path] = bytes
        visibleDirty.insert(path)
    }

    public func syncFile(_ path: String) throws {
        durable[path] = files[path]
        positionalDirty.remove(path)
        syncCount += 1
    }

    public func syncEverything() throws {
        for (path, bytes) in staged { files[path] = bytes }
        staged.removeAll(keepingCapacity: true)
        durable = files
        visibleDirty.removeAll()
        positionalDirty.removeAll()
        syncCount += 1
    }

    /// Forgets every write that no sync made durable, as a power cut would.
    public func simulatePowerLoss() {
        files = durable
        staged.removeAll()
        visibleDirty.removeAll()
        positionalDirty.removeAll()
    }

    /// Replaces a file directly and durably (tests use it to damage a log).
    public func corrupt(_ path: String, _ bytes: [UInt8]?) {
        files[path] = bytes
        durable[path] = bytes
    }

    /// Every path currently stored.
    public var paths: [String] { files.keys.sorted() }
}

extension [UInt8] {
    /// Pads with zeros up to `count` bytes.
    fileprivate mutating func withGrowth(to count: Int) {
        if self.count < count { append(contentsOf: repeatElement(0, count: count - self.count)) }
    }
}
