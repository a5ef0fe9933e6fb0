import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
    let systemRead = Glibc.read
    let systemWrite = Glibc.write
#elseif canImport(Musl)
    import Musl
    let systemRead = Musl.read
    let systemWrite = Musl.write
#elseif canImport(Darwin)
    import Darwin
    let systemRead = Darwin.read
    let systemWrite = Darwin.write
    private func fdatasync(_ fd: Int32) -> Int32 { fsync(fd) }
#endif

#if os(Linux)
    /// syncfs(2): Glibc declares it only under _GNU_SOURCE, which the Swift module map
    /// does not set; an `int (int)` function has the same calling convention either way.
    @_silgen_name("syncfs") private func linuxSyncFS(_ fd: Int32) -> Int32
#endif

/// Storage in a directory, laid out so that the directory can be served as static files.
///
/// A staged write goes to a temporary file next to its target; `sync()` fsyncs each
/// temporary file, renames it into place and fsyncs the directories, so a crash leaves
/// either the old or the new file, never a torn one.
public final class POSIXLogStorage: LogStorage {
    /// The root directory.
    public let root: String
    private var pending: [(fd: Int32, temporary: String, final: String)] = []
    private var lockDescriptor: Int32 = -1
    /// Files written or read by position stay open; positional writes are fsynced at `sync()`.
    private var positional: [String: Int32] = [:]
    private var positionalDirty: Set<String> = []
    /// Read-only mappings handed out by `mapped`, unmapped when the storage goes.
    private var mappings: [(address: UnsafeMutableRawPointer, length: Int)] = []
    /// Files replaced by `writeVisible` and their directories, not yet made durable.
    private var visibleUnsynced: Set<String> = []

    /// Opens (creating if needed) a storage directory. With `exclusive`, waits for and
    /// holds an advisory lock (`.lock`) until the storage is released, so that two
    /// writers (say the web app and the command line) never interleave their batches.
    public init(root: String, exclusive: Bool = false) throws {
        self.root = root.hasSuffix("/") ? String(root.dropLast()) : root
        try Self.makeDirectories(self.root)
        if exclusive {
            let path = self.root + "/.lock"
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw Self.failure("open", path) }
            while flock(fd, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    close(fd)
                    throw Self.failure("lock", path)
                }
            }
            lockDescriptor = fd
        }
    }

    deinit {
        for file in pending {
            close(file.fd)
            unlink(file.temporary)
        }
        if lockDescriptor >= 0 { close(lockDescriptor) }
        for fd in positional.values { close(fd) }
        for mapping in mappings { munmap(mapping.address, mapping.length) }
    }

    public func mapped(_ path: String, length: Int) throws -> UnsafeRawBufferPointer? {
        guard length > 0, let fd = try positionalDescriptor(path, create: false) else { return nil }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw Self.failure("stat", root + "/" + path) }
        // Never past the end of the file: touching such a page would raise SIGBUS.
        let available = min(length, Int(status.st_size))
        guard available > 0 else { return nil }
        guard let address = mmap(nil, available, PROT_READ, MAP_SHARED, fd, 0), address != MAP_FAILED else {
            throw Self.failure("mmap", root + "/" + path)
        }
        mappings.append((address, available))
        return UnsafeRawBufferPointer(start: address, count: available)
    }

    public func length(_ path: String) throws -> Int? {
        var status = stat()
        guard stat(root + "/" + path, &status) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw Self.failure("stat", root + "/" + path)
        }
        return Int(status.st_size)
    }

    public func unmap(_ region: UnsafeRawBufferPointer) {
        guard let i = mappings.firstIndex(where: { UnsafeRawPointer($0.address) == region.baseAddress }) else { return }
        munmap(mappings[i].address, mappings[i].length)
        mappings.remove(at: i)
    }

    private func positionalDescriptor(_ path: String, create: Bool) throws -> Int32? {
        if let fd = positional[path] { return fd }
        let full = root + "/" + path
        let fd = open(full, create ? (O_RDWR | O_CREAT | O_CLOEXEC) : (O_RDONLY | O_CLOEXEC), 0o644)
        if fd < 0 {
            if !create && errno == ENOENT { return nil }
            throw Self.failure("open", full)
        }
        // A read-only descriptor is replaced by a writable one when a write comes.
        if create || positional[path] == nil { positional[path] = fd }
        return fd
    }

    public func write(_ path: String, at offset: Int, _ bytes: [UInt8]) throws {
        if let fd = positional[path], fcntl(fd, F_GETFL) & O_ACCMODE == O_RDONLY {
            close(fd)
            positional[path] = nil
        }
        guard let fd = try positionalDescriptor(path, create: true) else { return }
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress! + done, $0.count - done, off_t(offset + done)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Self.failure("write", root + "/" + path)
            }
            done += n
        }
        positionalDirty.insert(path)
    }

    public func read(_ path: String, at offset: Int, count: Int) throws -> [UInt8]? {
        guard let fd = try positionalDescriptor(path, create: false) else { return nil }
        var buffer = [UInt8](repeating: 0, count: count)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, off_t(offset)) }
        guard n == count else { return nil }
        return buffer
    }

    public func read(_ path: String, at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws -> Bool {
        guard let fd = try positionalDescriptor(path, create: false) else { return false }
        var done = 0
        while done < buffer.count {
            let n = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            done += n
        }
        return true
    }

    public func read(_ path: String) throws -> [UInt8]? {
        let full = root + "/" + path
        let fd = open(full, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw Self.failure("open", full)
        }
        defer { close(fd) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Self.failure("read", full)
            }
            if n == 0 { break }
            result += chunk[0..<n]
        }
        return result
    }

    public func write(_ path: String, _ bytes: [UInt8]) throws {
        let final = root + "/" + path
        try Self.makeDirectories(Self.directory(of: final))
        let temporary = final + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Self.failure("create", temporary) }
        do {
            try Self.writeAll(fd, bytes, temporary)
        } catch {
            close(fd)
            throw error
        }
        pending.append((fd, temporary, final))
    }

    public func sync() throws {
        let files = pending
        pending.removeAll()
        // Every fsync of a round runs in parallel: the journal commits them together, so
        // a batch of many tiles costs about one round trip to the disk, not one per file.
        // Positional files (not renamed) join the first round.
        let positionalFiles = positionalDirty.compactMap { path in positional[path].map { (fd: $0, name: path) } }
        positionalDirty.removeAll()
        let round = files.map { (fd: $0.fd, name: $0.temporary) } + positionalFiles
        let dataFailed = Self.inParallel(round.count) { i in fdatasync(round[i].fd) == 0 }
        for file in files { close(file.fd) }
        if let i = dataFailed { throw LedgerError(.storage, "fsync \(round[i].name) failed") }
        var directories: [String] = []
        for file in files {
            guard rename(file.temporary, file.final) == 0 else { throw Self.failure("rename", file.final) }
            let directory = Self.directory(of: file.final)
            if !directories.contains(directory) { directories.append(directory) }
        }
        let toSync = directories
        let directoryFailed = Self.inParallel(toSync.count) { i in (try? Self.syncDirectory(toSync[i])) != nil }
        if let i = directoryFailed { throw LedgerError(.storage, "fsync directory \(toSync[i]) failed") }
    }

    public func writeVisible(_ path: String, _ bytes: [UInt8]) throws {
        let final = root + "/" + path
        let temporary = final + ".tmp"
        var fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 && errno == ENOENT {
            try Self.makeDirectories(Self.directory(of: final))
            fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else { throw Self.failure("create", temporary) }
        defer { close(fd) }
        try Self.writeAll(fd, bytes, temporary)
        // Renamed without an fsync: readers see the whole new file at once; the commit
        // journal, which is synced, can rebuild it if a power loss takes it.
        guard rename(temporary, final) == 0 else { throw Self.failure("rename", final) }
        #if !os(Linux)
            visibleUnsynced.insert(final)
            visibleUnsynced.insert(Self.directory(of: final))
        #endif
    }

    public func writeUnpublished(_ path: String, _ bytes: [UInt8]) throws {
        let final = root + "/" + path
        // No temporary file and no rename: one inode and one directory entry per tile,
        // which is most of a group commit's cost on a busy ext4.
        var fd = open(final, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 && errno == ENOENT {
            try Self.makeDirectories(Self.directory(of: final))
            fd = open(final, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else { throw Self.failure("create", final) }
        defer { close(fd) }
        try Self.writeAll(fd, bytes, final)
        #if !os(Linux)
            visibleUnsynced.insert(final)
            visibleUnsynced.insert(Self.directory(of: final))
        #endif
    }

    public func syncFile(_ path: String) throws {
        guard let fd = positional[path] else { return }
        guard fdatasync(fd) == 0 else { throw Self.failure("fsync", root + "/" + path) }
        positionalDirty.remove(path)
    }

    public func syncEverything() throws {
        try sync()
        #if os(Linux)
            // One call flushes every file of the file system, instead of one flush per tile.
            let fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard fd >= 0 else { throw Self.failure("open directory", root) }
            defer { close(fd) }
            guard linuxSyncFS(fd) == 0 else { throw Self.failure("syncfs", root) }
        #else
            let paths = Array(visibleUnsynced)
            let failed = Self.inParallel(paths.count) { i in
                let fd = open(paths[i], O_RDONLY | O_CLOEXEC)
                guard fd >= 0 else { return errno == ENOENT }
                defer { close(fd) }
                return fsync(fd) == 0
            }
            if let i = failed { throw LedgerError(.storage, "fsync \(paths[i]) failed") }
        #endif
        visibleUnsynced.removeAll()
    }

    /// Runs `body` for 0..<count on several threads; returns an index that failed, if any.
    private static func inParallel(_ count: Int, _ body: @escaping @Sendable (Int) -> Bool) -> Int? {
        guard count > 1 else { return count == 1 && !body(0) ? 0 : nil }
        let results = FailureBox()
        DispatchQueue.concurrentPerform(iterations: count) { i in
            if !body(i) { results.record(i) }
        }
        return results.first
    }

    public func appendDurably(_ path: String, _ bytes: [UInt8]) throws {
        let full = root + "/" + path
        var fd = open(full, O_WRONLY | O_APPEND | O_CLOEXEC)
        let created = fd < 0 && errno == ENOENT
        if created { fd = open(full, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644) }
        guard fd >= 0 else { throw Self.failure("open", full) }
        defer { close(fd) }
        try Self.writeAll(fd, bytes, full)
        guard fdatasync(fd) == 0 else { throw Self.failure("fsync", full) }
        // Only a new file needs its directory entry made durable.
        if created { try Self.syncDirectory(Self.directory(of: full)) }
    }

    public func truncate(_ path: String, to length: Int) throws {
        let full = root + "/" + path
        let fd = open(full, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Self.failure("open", full) }
        defer { close(fd) }
        guard ftruncate(fd, off_t(length)) == 0, fdatasync(fd) == 0 else { throw Self.failure("truncate", full) }
    }

    // MARK: - Helpers

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], _ path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { systemWrite(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure("write", path)
            }
            offset += n
        }
    }

    private static func syncDirectory(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw failure("open directory", path) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw failure("fsync directory", path) }
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return String(path[..<slash])
    }

    static func makeDirectories(_ path: String) throws {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw failure("mkdir", current)
            }
        }
    }

    static func failure(_ operation: String, _ path: String) -> LedgerError {
        LedgerError(.storage, "\(operation) \(path): \(String(cString: strerror(errno)))")
    }
}

/// Collects a failing index from parallel fsyncs.
private final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var failed: Int?
    func record(_ index: Int) { lock.withLock { failed = failed ?? index } }
    var first: Int? { lock.withLock { failed } }
}
