public import Crypto

/// Signs notes with Ed25519 (signature type 0x01). The log's own key.
public struct Ed25519NoteSigner: NoteSigner {
    public let name: String
    public let keyID: UInt32
    private let seed: [UInt8]
    private var privateKey: Curve25519.Signing.PrivateKey {
        // The seed was read from a valid key in init, so this cannot fail.
        (try? Curve25519.Signing.PrivateKey(rawRepresentation: seed)) ?? Curve25519.Signing.PrivateKey()
    }

    /// Creates a signer from a private key.
    public init(name: String, privateKey: Curve25519.Signing.PrivateKey) {
        self.name = name
        self.seed = Array(privateKey.rawRepresentation)
        self.keyID = NoteKeys.keyID(
            name: name, type: NoteSignatureType.ed25519, publicKey: Array(privateKey.publicKey.rawRepresentation))
    }

    public func sign(message: [UInt8]) throws -> [UInt8] {
        Array(try privateKey.signature(for: message))
    }

    /// The verifier key (`name+id+base64(0x01 ‖ public key)`).
    public var verifierKey: String {
        NoteKeys.verifierKey(
            name: name, type: NoteSignatureType.ed25519, publicKey: Array(privateKey.publicKey.rawRepresentation))
    }

    /// The signer key, for storing in a key file.
    public var signerKey: String {
        NoteKeys.signerKey(name: name, type: NoteSignatureType.ed25519, privateKey: privateKey)
    }

    /// The matching verifier.
    public var verifier: Ed25519NoteVerifier { Ed25519NoteVerifier(name: name, publicKey: privateKey.publicKey) }
}
