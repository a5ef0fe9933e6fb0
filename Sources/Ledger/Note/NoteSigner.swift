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
