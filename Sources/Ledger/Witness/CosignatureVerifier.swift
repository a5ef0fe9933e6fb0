public import Crypto

/// Checks `cosignature/v1` signatures (type 0x04) on a checkpoint text.
public struct CosignatureVerifier: NoteVerifier {
    public let name: String
    public let keyID: UInt32
    private let publicKeyBytes: [UInt8]

    /// Creates a verifier from a witness public key.
    public init(name: String, publicKey: Curve25519.Signing.PublicKey) {
        self.name = name
        self.publicKeyBytes = Array(publicKey.rawRepresentation)
        self.keyID = NoteKeys.keyID(
            name: name, type: NoteSignatureType.cosignatureV1, publicKey: publicKeyBytes)
    }

    public func verify(message checkpointText: [UInt8], signature: [UInt8]) -> Bool {
        timestamp(ofValid: signature, checkpointText: checkpointText) != nil
    }

    /// The timestamp of a valid cosignature, or nil if it does not verify.
    public func timestamp(ofValid signature: [UInt8], checkpointText: [UInt8]) -> UInt64? {
        guard signature.count == 72 else { return nil }
        let timestamp = signature.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard timestamp <= UInt64(Int64.max) else { return nil }
        let message = CosignatureMessage.bytes(
            timestamp: timestamp, checkpointText: String(decoding: checkpointText, as: UTF8.self))
        return
            ((try? Curve25519.Signing.PublicKey(rawRepresentation: publicKeyBytes))?.isValidSignature(
                Array(signature.dropFirst(8)), for: message) ?? false) ? timestamp : nil
    }

    /// The verifier key (`name+id+base64(0x04 ‖ public key)`).
    public var verifierKey: String {
        NoteKeys.verifierKey(name: name, type: NoteSignatureType.cosignatureV1, publicKey: publicKeyBytes)
    }
}
