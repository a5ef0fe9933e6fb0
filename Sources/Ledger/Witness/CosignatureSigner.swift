public import Crypto
import Foundation

/// The message a cosignature/v1 signs: the header line, the time line, then the checkpoint text.
enum CosignatureMessage {
    static func bytes(timestamp: UInt64, checkpointText: String) -> [UInt8] {
        Array("cosignature/v1\ntime \(timestamp)\n\(checkpointText)".utf8)
    }
}

/// Produces C2SP tlog-cosignature `cosignature/v1` signatures (type 0x04): a big-endian
/// 64-bit timestamp followed by an Ed25519 signature over the cosigned message.
public struct CosignatureSigner: NoteSigner {
    public let name: String
    public let keyID: UInt32
    private let seed: [UInt8]
    private var privateKey: Curve25519.Signing.PrivateKey {
        // The seed was read from a valid key in init, so this cannot fail.
        (try? Curve25519.Signing.PrivateKey(rawRepresentation: seed)) ?? Curve25519.Signing.PrivateKey()
    }
    private let clock: LedgerClock

    /// Creates a cosigner; `clock` gives the timestamp of each cosignature.
    public init(name: String, privateKey: Curve25519.Signing.PrivateKey, clock: LedgerClock = .system) {
        self.name = name
        self.seed = Array(privateKey.rawRepresentation)
        self.clock = clock
        self.keyID = NoteKeys.keyID(
            name: name, type: NoteSignatureType.cosignatureV1, publicKey: Array(privateKey.publicKey.rawRepresentation))
    }

    /// Signs a checkpoint text: the message is the text, prefixed with the header and time lines.
    public func sign(message checkpointText: [UInt8]) throws -> [UInt8] {
        let seconds = clock.now().timeIntervalSince1970
        guard seconds >= 1 else { throw LedgerError(.invalidArgument, "cosignature time must be after the epoch") }
        let timestamp = UInt64(seconds)
        let message = CosignatureMessage.bytes(
            timestamp: timestamp, checkpointText: String(decoding: checkpointText, as: UTF8.self))
        let signature = try privateKey.signature(for: message)
        return withUnsafeBytes(of: timestamp.bigEndian) { Array($0) } + Array(signature)
    }

    /// The verifier key (`name+id+base64(0x04 ‖ public key)`).
    public var verifierKey: String {
        NoteKeys.verifierKey(
            name: name, type: NoteSignatureType.cosignatureV1, publicKey: Array(privateKey.publicKey.rawRepresentation))
    }

    /// The signer key, for storing in a key file.
    public var signerKey: String {
        NoteKeys.signerKey(name: name, type: NoteSignatureType.cosignatureV1, privateKey: privateKey)
    }

    /// The matching verifier.
    public var verifier: CosignatureVerifier { CosignatureVerifier(name: name, publicKey: privateKey.publicKey) }
}
