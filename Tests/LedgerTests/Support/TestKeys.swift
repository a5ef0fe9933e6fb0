import Crypto
import Foundation
import Ledger

/// Deterministic keys and a fixed clock for repeatable tests.
enum TestKeys {
    static let origin = "fundwatch.test/ledger"
    static let clock = LedgerClock.fixed(Date(timeIntervalSince1970: 1_764_000_000))

    static func privateKey(_ seed: UInt8) -> Curve25519.Signing.PrivateKey {
        // A seed of 32 equal bytes is a valid Ed25519 private key.
        (try? Curve25519.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: seed, count: 32)))!
    }

    static let logSigner = Ed25519NoteSigner(name: origin, privateKey: privateKey(1))

    static func witness(_ n: UInt8) -> CosignatureSigner {
        CosignatureSigner(name: "witness\(n).fundwatch.test", privateKey: privateKey(10 + n), clock: clock)
    }

    static func configuration(policy: LogPolicy = .none, witnesses: [any WitnessClient] = [])
        -> TransparencyLog.Configuration
    {
        TransparencyLog.Configuration(
            origin: origin, signer: logSigner, verifier: logSigner.verifier, policy: policy, witnesses: witnesses)
    }

    static func entry(_ i: Int) -> [UInt8] {
        let payload = RFC9162.leafHash(Array("payload \(i)".utf8)).hex
        let entry = try? LedgerEntry(
            type: .paymentCheck, time: Date(timeIntervalSince1970: 1_764_000_000 + Double(i)),
            actor: "auditor-\(i % 7)", subject: "payment-\(i)", payloadSHA256: payload)
        return entry?.canonicalJSON ?? []
    }
}
