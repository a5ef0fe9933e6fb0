public import Foundation

/// One log entry: what happened (`type`), when, who did it, to what, and the SHA-256 of
/// the payload (the payload itself stays in the database, so no personal data is logged).
///
/// Serialised as canonical JSON: keys sorted, no insignificant whitespace, strings
/// escaped minimally (RFC 8785 for string-only objects). The bytes are the leaf.
public struct LedgerEntry: Hashable, Sendable {
    /// The kinds of entry.
    public enum EntryType: String, CaseIterable, Sendable {
        case importBatch = "import_batch"
        case ruleVersion = "rule_version"
        case finding
        case paymentCheck = "payment_check"
        case caseEvent = "case_event"
        case evidence
        case dataAccess = "data_access"
        case note
    }

    /// The kind of entry.
    public let type: EntryType
    /// When it was logged, RFC 3339 UTC with milliseconds (`2026-11-25T15:21:12.345Z`).
    public let time: String
    /// Who did it.
    public let actor: String
    /// What it is about (an id, never personal data).
    public let subject: String
    /// Lower-case hex SHA-256 of the payload.
    public let payloadSHA256: String

    /// Creates an entry, validating its fields.
    public init(type: EntryType, time: Date, actor: String, subject: String, payloadSHA256: String) throws {
        try self.init(type: type, time: Self.format(time), actor: actor, subject: subject, payloadSHA256: payloadSHA256)
    }

    init(type: EntryType, time: String, actor: String, subject: String, payloadSHA256: String) throws {
        guard !actor.isEmpty, !subject.isEmpty else {
            throw LedgerError(.malformedEntry, "actor and subject must not be empty")
        }
        guard payloadSHA256.utf8.count == 64,
            payloadSHA256.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) })
        else {
            throw LedgerError(.malformedEntry, "payload_sha256 must be 64 lower-case hex digits")
        }
        guard Self.parseTime(time) != nil else {
            throw LedgerError(.malformedEntry, "time '\(time)' is not RFC 3339 UTC with milliseconds")
        }
        self.type = type
        self.time = time
        self.actor = actor
        self.subject = subject
        self.payloadSHA256 = payloadSHA256
    }

    /// The canonical JSON bytes: the log leaf.
    public var canonicalJSON: [UInt8] {
        let fields: [(String, String)] = [
            ("actor", actor), ("payload_sha256", payloadSHA256), ("subject", subject), ("time", time),
            ("type", type.rawValue),
        ]
        var out: [UInt8] = [UInt8(ascii: "{")]
        for (i, (key, value)) in fields.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            CanonicalJSON.appendString(key, to: &out)
            out.append(UInt8(ascii: ":"))
            CanonicalJSON.appendString(value, to: &out)
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// Parses entry bytes, accepting only the canonical form (so that every entry has one
    /// encoding and one leaf hash).
    public init(canonicalJSON bytes: [UInt8]) throws {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            throw LedgerError(.malformedEntry, "entry is not a JSON object")
        }
        guard Set(object.keys) == ["actor", "payload_sha256", "subject", "time", "type"] else {
            throw LedgerError(.malformedEntry, "entry must have exactly actor, payload_sha256, subject, time, type")
        }
        guard let typeName = object["type"] as? String, let type = EntryType(rawValue: typeName),
            let time = object["time"] as? String, let actor = object["actor"] as? String,
            let subject = object["subject"] as? String, let payload = object["payload_sha256"] as? String
        else { throw LedgerError(.malformedEntry, "entry fields must be strings and type a known kind") }
        try self.init(type: type, time: time, actor: actor, subject: subject, payloadSHA256: payload)
        guard canonicalJSON == bytes else { throw LedgerError(.malformedEntry, "entry is not in canonical form") }
    }

    /// Formats a date as stored in `time`.
    public static func format(_ date: Date) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds =
            Int(millis.quotientAndRemainder(dividingBy: 1000).quotient) - (millis < 0 && millis % 1000 != 0 ? 1 : 0)
        let ms = Int((millis % 1000 + 1000) % 1000)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let c = calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        func pad(_ n: Int?, _ width: Int) -> String {
            let s = String(n ?? 0)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return
            "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))T\(pad(c.hour, 2)):\(pad(c.minute, 2)):\(pad(c.second, 2)).\(pad(ms, 3))Z"
    }

    static func parseTime(_ text: String) -> (Int, Int, Int)? {
        let b = Array(text.utf8)
        guard b.count == 24, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A, b[19] == 0x2E,
            b[23] == 0x5A
        else { return nil }
        for i in [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22] where !(0x30...0x39).contains(b[i]) {
            return nil
        }
        func n(_ r: Range<Int>) -> Int { Int(String(decoding: b[r], as: UTF8.self)) ?? -1 }
        guard (1...12).contains(n(5..<7)), (1...31).contains(n(8..<10)), n(11..<13) < 24, n(14..<16) < 60,
            n(17..<19) < 60
        else {
            return nil
        }
        return (n(0..<4), n(5..<7), n(8..<10))
    }
}

/// Minimal JSON string escaping for canonical output.
enum CanonicalJSON {
    static func appendString(_ string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [0x5C, 0x22]
            case UInt8(ascii: "\\"): out += [0x5C, 0x5C]
            case 0x08: out += [0x5C, UInt8(ascii: "b")]
            case 0x0C: out += [0x5C, UInt8(ascii: "f")]
            case 0x0A: out += [0x5C, UInt8(ascii: "n")]
            case 0x0D: out += [0x5C, UInt8(ascii: "r")]
            case 0x09: out += [0x5C, UInt8(ascii: "t")]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
