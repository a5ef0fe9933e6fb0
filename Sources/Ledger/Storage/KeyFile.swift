public import Crypto

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Key files: one signer key (`PRIVATE+KEY+…`) per file, created with mode 0600 and
/// never overwritten.
public enum KeyFile {
    /// Reads the log key at `path`, creating it (mode 0600) on first use.
    public static func loadOrCreateLogKey(path: String, name: String) throws -> Ed25519NoteSigner {
        if let existing = try read(path) {
            guard let signer = try NoteKeys.signer(fromSignerKey: existing) as? Ed25519NoteSigner else {
                throw LedgerError(.malformedKey, "\(path) does not hold an Ed25519 log key")
            }
            guard signer.name == name else {
                throw LedgerError(.originMismatch, "\(path) is the key of \(signer.name), not \(name)")
            }
            return signer
        }
        let signer = Ed25519NoteSigner(name: name, privateKey: Curve25519.Signing.PrivateKey())
        do {
            try createExclusively(path: path, contents: signer.signerKey + "\n")
        } catch let error as LedgerError where error.code == .keyExists {
            // Another process created it first: use theirs.
            return try loadOrCreateLogKey(path: path, name: name)
        }
        return signer
    }

    /// Creates a witness (cosigning) key at `path`; refuses if the file exists.
    public static func createWitnessKey(
        path: String, name: String, privateKey: Curve25519.Signing.PrivateKey = .init(), clock: LedgerClock = .system
    ) throws -> CosignatureSigner {
        try NoteKeyName.validateKey(name)
        let signer = CosignatureSigner(name: name, privateKey: privateKey, clock: clock)
        try createExclusively(path: path, contents: signer.signerKey + "\n")
        return signer
    }

    /// Reads a key file's text, or nil if it does not exist.
    public static func read(_ path: String) throws -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw POSIXLogStorage.failure("open", path)
        }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = buffer.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
        guard n >= 0 else { throw POSIXLogStorage.failure("read", path) }
        return String(decoding: buffer[0..<n], as: UTF8.self)
    }

    private static func createExclusively(path: String, contents: String) throws {
        try POSIXLogStorage.makeDirectories(POSIXLogStorage.directory(of: path))
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd < 0 {
            if errno == EEXIST { throw LedgerError(.keyExists, "\(path) already exists; refusing to overwrite a key") }
            throw POSIXLogStorage.failure("create", path)
        }
        defer { close(fd) }
        let bytes = Array(contents.utf8)
        let written = bytes.withUnsafeBytes { systemWrite(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(fd) == 0 else { throw POSIXLogStorage.failure("write", path) }
    }
}

extension NoteKeyName {
    static func validateKey(_ name: String) throws {
        do { try validate(name) } catch {
            throw LedgerError(.malformedKey, "key name '\(name)' is empty or contains a space or '+'")
        }
    }
}
