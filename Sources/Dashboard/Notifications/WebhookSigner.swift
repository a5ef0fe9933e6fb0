import Crypto
public import Foundation
import Ledger

/// Signs webhook bodies the way receivers check them: HMAC-SHA256 with the endpoint's secret over
/// `<timestamp>.<body>`, sent as `X-FundWatch-Signature: sha256=<hex>` beside
/// `X-FundWatch-Timestamp: <unix seconds>`. Signing the timestamp with the body lets a receiver
/// refuse replays older than a few minutes.
public enum WebhookSigner {
    public static let signatureHeader = "X-FundWatch-Signature"
    public static let timestampHeader = "X-FundWatch-Timestamp"
    /// The outbox item id: the same on every retry, so a receiver can drop duplicates.
    public static let deliveryHeader = "X-FundWatch-Delivery"

    /// `sha256=<lower-case hex>` of the HMAC over `timestamp.body`.
    public static func signature(body: Data, timestamp: String, secret: Data) -> String {
        var message = Data(timestamp.utf8)
        message.append(UInt8(ascii: "."))
        message.append(body)
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: secret))
        return "sha256=" + HexCoding.encode(Array(mac))
    }

    /// Whether a received signature is the right one (compared in constant time, so its timing
    /// tells nothing about how much of a guess was right).
    public static func verify(signature given: String, body: Data, timestamp: String, secret: Data) -> Bool {
        let expected = Array(signature(body: body, timestamp: timestamp, secret: secret).utf8)
        let actual = Array(given.utf8)
        guard actual.count == expected.count else { return false }
        var difference: UInt8 = 0
        for i in expected.indices { difference |= expected[i] ^ actual[i] }
        return difference == 0
    }

    /// The headers of one delivery.
    public static func headers(body: Data, at time: Date, secret: Data, deliveryID: Int64) -> [String: String] {
        let timestamp = String(Int64(time.timeIntervalSince1970.rounded(.down)))
        return [
            "Content-Type": "application/json; charset=utf-8",
            timestampHeader: timestamp,
            signatureHeader: signature(body: body, timestamp: timestamp, secret: secret),
            deliveryHeader: String(deliveryID),
        ]
    }
}
