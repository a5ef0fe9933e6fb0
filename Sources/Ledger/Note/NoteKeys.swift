import Crypto
import Foundation

/// Encoding of key ids, verifier keys (`<name>+<hex id>+<base64(type ‖ public key)>`) and
/// the signer-key form used by Go's note package (`PRIVATE+KEY+<name>+<hex id>+<base64(type ‖ seed)>`).
public enum NoteKeys {
    /// `SHA-256(name ‖ 0x0A ‖ type ‖ publicKey)[:4]` as a big-endian integer.
    public static func keyID(name: String, type: UInt8, publicKey: [UInt8]) -> UInt32 {
        var hasher = SHA256()
        hasher.update(data: Array(name.utf8) + [0x0A, type] + publicKey)
        return hasher.finalize().prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Formats a verifier key.
    public static func verifierKey(name: String, type: UInt8, publicKey: [UInt8]) -> String {
        let id = keyID(name: name, type: type, publicKey: publicKey)
        return "\(name)+\(hex8(id))+\(Data([type] + publicKey).base64EncodedString())"
    }

    /// Parses a verifier key into a verifier: type 0x01 (Ed25519 note signatures) or 0x04
    /// (cosignature/v1). Checks that the key id matches the key.
    public static func verifier(fromVerifierKey vkey: String) throws -> any NoteVerifier {
        let (name, id, type, key) = try parse(vkey, prefix: "", what: "verifier key")
        guard key.count == 32, let publicKey = try? Curve25519.Signing.PublicKey(rawRepresentation: key) else {
            throw LedgerError(.malformedKey, "verifier key for \(name) does not hold a 32-byte Ed25519 key")
        }
        guard id == keyID(name: name, type: type, publicKey: key) else {
            throw LedgerError(
                .malformedKey, "verifier key for \(name) has key id \(hex8(id)), which does not match its key")
        }
        switch type {
        case NoteSignatureType.ed25519: return Ed25519NoteVerifier(name: name, publicKey: publicKey)
        case NoteSignatureType.cosignatureV1: return CosignatureVerifier(name: name, publicKey: publicKey)
        default: throw LedgerError(.malformedKey, "verifier key for \(name) has unsupported signature type \(type)")
        }
    }

    /// Parses a signer key into a signer (types 0x01 and 0x04).
    public static func signer(fromSignerKey skey: String, clock: LedgerClock = .system) throws -> any NoteSigner {
        let (name, id, type, seed) = try parse(skey, prefix: "PRIVATE+KEY+", what: "signer key")
        guard seed.count == 32, let privateKey = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed) else {
            throw LedgerError(.malformedKey, "signer key for \(name) does not hold a 32-byte Ed25519 seed")
        }
        let publicKey = Array(privateKey.publicKey.rawRepresentation)
        guard id == keyID(name: name, type: type, publicKey: publicKey) else {
            throw LedgerError(.malformedKey, "signer key for \(name) has a key id that does not match its key")
        }
        switch type {
        case NoteSignatureType.ed25519: return Ed25519NoteSigner(name: name, privateKey: privateKey)
        case NoteSignatureType.cosignatureV1: return CosignatureSigner(name: name, privateKey: privateKey, clock: clock)
        default: throw LedgerError(.malformedKey, "signer key for \(name) has unsupported signature type \(type)")
        }
    }

    /// Formats a signer key from a seed.
    static func signerKey(name: String, type: UInt8, privateKey: Curve25519.Signing.PrivateKey) -> String {
        let id = keyID(name: name, type: type, publicKey: Array(privateKey.publicKey.rawRepresentation))
        let encoded = Data([type] + Array(privateKey.rawRepresentation)).base64EncodedString()
        return "PRIVATE+KEY+\(name)+\(hex8(id))+\(encoded)"
    }

    static func hex8(_ id: UInt32) -> String {
        let digits = String(id, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }

    private static func parse(_ text: String, prefix: String, what: String) throws -> (String, UInt32, UInt8, [UInt8]) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix(prefix) else {
            throw LedgerError(.malformedKey, "\(what) does not start with \(prefix)")
        }
        let parts = trimmed.dropFirst(prefix.count).split(
            separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw LedgerError(.malformedKey, "\(what) must have three '+'-separated parts: name, key id, key")
        }
        let name = String(parts[0])
        do { try NoteKeyName.validate(name) } catch { throw LedgerError(.malformedKey, "\(what) has an invalid name") }
        guard parts[1].count == 8, let id = UInt32(parts[1], radix: 16), parts[1].lowercased() == parts[1] else {
            throw LedgerError(.malformedKey, "\(what) key id '\(parts[1])' is not 8 lower-case hex digits")
        }
        guard let data = Data(base64Encoded: String(parts[2])), data.count >= 2 else {
            throw LedgerError(.malformedKey, "\(what) key material is not base64")
        }
        let bytes = [UInt8](data)
        return (name, id, bytes[0], Array(bytes.dropFirst()))
    }
}
