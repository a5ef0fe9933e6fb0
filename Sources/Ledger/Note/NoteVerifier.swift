/// A trusted key that checks note signatures.
public protocol NoteVerifier: Sendable {
    /// The key name.
    var name: String { get }
    /// The key id.
    var keyID: UInt32 { get }
    /// Whether `signature` (without the key id) is valid over `message`.
    func verify(message: [UInt8], signature: [UInt8]) -> Bool
}
