public import Crypto
import Foundation
public import FundWatchCore

/// Opaque references to persons for URLs and links, so that pages and logs never carry an ID
/// number in clear: the ID sealed with AES-GCM under the server's key. The nonce is derived from
/// the ID (HMAC), so one person always has the same reference under one key; a reference made
/// under another key, or altered, does not open.
public struct PersonReference: Sendable {
    // Raw bytes: `SymmetricKey` is not `Sendable`; a key is rebuilt for each use.
    private let keyBytes: [UInt8]

    public init(key: SymmetricKey) { self.keyBytes = key.withUnsafeBytes { Array($0) } }

    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }

    /// The reference of an ID number.
    public func reference(for id: IDNumber) -> String {
        let plain = Array(id.value.utf8)
        let mac = HMAC<SHA256>.authenticationCode(for: plain, using: key)
        // Deterministic nonce (SIV-like): distinct IDs get distinct nonces up to HMAC collisions.
        do {
            let nonce = try AES.GCM.Nonce(data: Array(mac).prefix(12))
            let sealed = try AES.GCM.seal(plain, using: key, nonce: nonce)
            return Base64URL.encode(Array(nonce) + Array(sealed.ciphertext) + Array(sealed.tag))
        } catch {
            preconditionFailure("AES-GCM with a 12-byte nonce and a valid key cannot fail: \(error)")
        }
    }

    /// The ID number behind a reference, or nil for anything that is not one of ours.
    public func idNumber(from reference: String, today: CivilDate) -> IDNumber? {
        guard let bytes = Base64URL.decode(reference), bytes.count > 28 else { return nil }
        guard let nonce = try? AES.GCM.Nonce(data: bytes.prefix(12)),
            let box = try? AES.GCM.SealedBox(
                nonce: nonce, ciphertext: bytes[12..<(bytes.count - 16)], tag: bytes.suffix(16)),
            let plain = try? AES.GCM.open(box, using: key),
            let text = String(bytes: plain, encoding: .utf8)
        else { return nil }
        return try? IDNumber(text, today: today)
    }
}
