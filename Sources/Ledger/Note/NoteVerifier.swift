/// A trusted key that checks note signatures.
public protocol NoteVerifier: Sendable {
    /// The key name.
    var name: String { get }
    /// The key id.
    var keyID: UInt32 { get }
    /// Whether `signature` (without the key id) is valid over `message`.
    func verify(message: [UInt8], signature: [UInt8]) -> Bool
}

/// A key that produces note signatures.
public protocol NoteSigner: Sendable {
    /// The key name.
    var name: String { get }
    /// The key id.
    var keyID: UInt32 { get }
    /// The signature (without the key id) over `message`.
    func sign(message: [UInt8]) throws -> [UInt8]
}

extension NoteSigner {
    /// Signs a note text and returns its signature line value.
    public func signature(forText text: String) throws -> NoteSignature {
        NoteSignature(name: name, keyID: keyID, signature: try sign(message: Array(text.utf8)))
    }
}

/// Signature type bytes of the signed-note registry.
public enum NoteSignatureType {
    /// Ed25519 over the note text (C2SP signed-note).
    public static let ed25519: UInt8 = 0x01
    /// Timestamped Ed25519 checkpoint cosignatures (C2SP tlog-cosignature, cosignature/v1).
    public static let cosignatureV1: UInt8 = 0x04
}
