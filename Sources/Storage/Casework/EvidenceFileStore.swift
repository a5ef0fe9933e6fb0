import Foundation

/// Where evidence files' bytes live, addressed by their SHA-256: storing the same file twice
/// keeps one copy, and a file whose bytes changed no longer matches its name.
public protocol EvidenceFileStore: Sendable {
    /// Stores `bytes` under `sha256` (lower-case hex of the bytes); storing again is a no-op.
    func put(_ bytes: [UInt8], sha256: String) throws
    /// The bytes stored under `sha256`, or nil.
    func get(sha256: String) throws -> [UInt8]?
}

/// Evidence files in a data folder: `evidence/<first two hex digits>/<sha256>`, written to a
/// temporary name and renamed, so a crash never leaves a half-written file under a hash.
public struct FolderEvidenceStore: EvidenceFileStore {
    public let root: String

    /// The store under `data/evidence`.
    public init(data: String) {
        self.root = data + "/evidence"
    }

    /// The path of a file: `<root>/<aa>/<sha256>`.
    public func path(sha256: String) -> String {
        root + "/" + sha256.prefix(2) + "/" + sha256
    }

    public func put(_ bytes: [UInt8], sha256: String) throws {
        let target = path(sha256: sha256)
        if FileManager.default.fileExists(atPath: target) { return }
        let folder = (target as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = folder + "/.tmp-" + sha256 + "-" + UUID().uuidString
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes), attributes: [.posixPermissions: 0o640])
        else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary]) }
        do {
            try FileManager.default.moveItem(atPath: temporary, toPath: target)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            // Another writer stored the same bytes first.
            if !FileManager.default.fileExists(atPath: target) { throw error }
        }
    }

    public func get(sha256: String) throws -> [UInt8]? {
        FileManager.default.contents(atPath: path(sha256: sha256)).map { [UInt8]($0) }
    }
}

/// Evidence files in memory, for tests and a web app without a data folder.
public final class InMemoryEvidenceStore: EvidenceFileStore, @unchecked Sendable {
    private let lock = NSLock()
    private var files = [String: [UInt8]]()

    public init() {}

    public func put(_ bytes: [UInt8], sha256: String) throws {
        lock.withLock { files[sha256] = bytes }
    }

    public func get(sha256: String) throws -> [UInt8]? {
        lock.withLock { files[sha256] }
    }
}
