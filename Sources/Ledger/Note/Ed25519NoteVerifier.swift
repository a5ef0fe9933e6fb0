public import Crypto

/// Checks Ed25519 note signatures (signature type 0x01).
public struct Ed25519NoteVerifier: NoteVerifier {
    public let name: String
    public let keyID: UInt32
    private let publicKeyBytes: [UInt8]

    /// Creates a verifier from a public key.
    public init(name: String, publicKey: Curve25519.Signing.PublicKey) {
        self.name = name
        self.publicKeyBytes = Array(publicKey.rawRepresentation)
        self.keyID = NoteKeys.keyID(name: name, type: NoteSignatureType.ed25519, publicKey: publicKeyBytes)
    }

    public func verify(message: [UInt8], signature: [UInt8]) -> Bool {
        signature.count == 64
            && ((try? Curve25519.Signing.PublicKey(rawRepresentation: publicKeyBytes))?.isValidSignature(
                signature, for: message) ?? false)
    }

    /// The verifier key (`name+id+base64(0x01 ‖ public key)`).
    public var verifierKey: String {
        NoteKeys.verifierKey(name: name, type: NoteSignatureType.ed25519, publicKey: publicKeyBytes)
    }
}
