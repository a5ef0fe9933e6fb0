import Foundation

/// One signature line of a signed note: `— <name> base64(keyID ‖ signature)`.
public struct NoteSignature: Hashable, Sendable {
    /// The key name.
    public let name: String
    /// The 32-bit key id (the first four bytes of the decoded signature).
    public let keyID: UInt32
    /// The signature bytes after the key id.
    public let signature: [UInt8]

    /// Creates a signature line value.
    public init(name: String, keyID: UInt32, signature: [UInt8]) {
        self.name = name
        self.keyID = keyID
        self.signature = signature
    }

    /// The line as it appears in a note, including the final newline.
    public var line: String {
        var bytes = withUnsafeBytes(of: keyID.bigEndian) { Array($0) }
        bytes += signature
        return "\u{2014} \(name) \(Data(bytes).base64EncodedString())\n"
    }

    /// Parses one signature line (without its newline).
    public init(line: Substring) throws {
        let prefix = "\u{2014} "
        guard line.hasPrefix(prefix) else {
            throw LedgerError(
                .malformedNote, "signature line does not start with an em dash and a space: \(line.prefix(40))")
        }
        let rest = line.dropFirst(prefix.count)
        let parts = rest.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw LedgerError(.malformedNote, "signature line must be '— <name> <base64>'")
        }
        let name = String(parts[0])
        try NoteKeyName.validate(name)
        guard let data = Data(base64Encoded: String(parts[1])), data.count > 4 else {
            throw LedgerError(.malformedNote, "signature of \(name) is not base64 of a key id and a signature")
        }
        let bytes = [UInt8](data)
        self.name = name
        self.keyID = bytes.prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
        self.signature = Array(bytes.dropFirst(4))
    }
}

/// Rules for key names shared by signatures and keys.
enum NoteKeyName {
    static func validate(_ name: String) throws {
        guard !name.isEmpty else { throw LedgerError(.malformedNote, "key name is empty") }
        guard !name.unicodeScalars.contains(where: { $0 == "+" || $0.properties.isWhitespace || $0.value < 0x20 })
        else {
            throw LedgerError(.malformedNote, "key name '\(name)' contains a space or '+'")
        }
    }
}
