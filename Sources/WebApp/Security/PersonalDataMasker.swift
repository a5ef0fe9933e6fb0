import Foundation
import FundWatchCore
public import Storage

/// Masks personal data in text shown to people: the names, accounts and phones on record for
/// the person, and, whatever the records say, anything shaped like an ID number or a long number.
///
/// Works on the UTF-8 bytes: UTF-8 is self-synchronising, so a token's bytes found in the text
/// are the token, and the pre-payment check masks every explanation it returns without a trip
/// through `NSString` per token.
public struct PersonalDataMasker: Sendable {
    public init() {}

    /// 张三丰 → 张**.
    public static func maskName(_ name: String) -> String {
        guard let first = name.first else { return name }
        return String(first) + String(repeating: "*", count: max(1, name.count - 1))
    }

    /// The text with the person's tokens and every ID-like or account-like number masked.
    public func mask(_ text: String, tokens: PersonalTokens?) -> String {
        var bytes = Array(text.utf8)
        Self.maskTokensInPlace(&bytes, tokens: tokens)
        Self.maskNumbersInPlace(&bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Only the person's recorded names, accounts and phones masked: for record ids (payment,
    /// settlement numbers), which are long numbers but not personal data.
    public func maskTokens(_ text: String, tokens: PersonalTokens?) -> String {
        guard tokens != nil else { return text }
        var bytes = Array(text.utf8)
        Self.maskTokensInPlace(&bytes, tokens: tokens)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func maskTokensInPlace(_ bytes: inout [UInt8], tokens: PersonalTokens?) {
        guard let tokens else { return }
        // Longest first, so that a name containing another is masked whole.
        for name in tokens.names.sorted(by: { $0.utf8.count > $1.utf8.count }) where !name.isEmpty {
            replace(Array(name.utf8), with: Array(maskName(name).utf8), in: &bytes)
        }
        for account in tokens.accounts.sorted(by: { $0.utf8.count > $1.utf8.count }) where !account.isEmpty {
            replace(Array(account.utf8), with: Array(BankAccount.mask(account).utf8), in: &bytes)
        }
        for phone in tokens.phones where !phone.isEmpty {
            replace(Array(phone.utf8), with: Array(IDNumber.mask(phone).utf8), in: &bytes)
        }
    }

    /// Replaces every occurrence of `needle`, left to right, not overlapping.
    static func replace(_ needle: [UInt8], with replacement: [UInt8], in bytes: inout [UInt8]) {
        guard let first = needle.first, needle.count <= bytes.count else { return }
        var out: [UInt8]? = nil
        var copied = 0
        var i = 0
        let last = bytes.count - needle.count
        while i <= last {
            if bytes[i] == first && bytes[i..<(i + needle.count)].elementsEqual(needle) {
                if out == nil { out = []; out!.reserveCapacity(bytes.count + 16) }
                out!.append(contentsOf: bytes[copied..<i])
                out!.append(contentsOf: replacement)
                i += needle.count
                copied = i
            } else {
                i += 1
            }
        }
        guard var result = out else { return }
        result.append(contentsOf: bytes[copied...])
        bytes = result
    }

    /// Runs of 8 or more digits (an ID number may end in X): ID numbers and accounts that the
    /// records did not name. Short numbers (amounts, dates, counts) stay.
    static func maskNumbers(_ text: String) -> String {
        var bytes = Array(text.utf8)
        maskNumbersInPlace(&bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func maskNumbersInPlace(_ bytes: inout [UInt8]) {
        // Most texts hold no run of 8 digits: leave them untouched without copying.
        var longest = 0
        var run = 0
        for b in bytes {
            if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                run += 1
                longest = max(longest, run)
            } else {
                run = 0
            }
        }
        guard longest >= 8 else { return }
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var start = -1
        func flush(_ end: Int) {
            guard start >= 0 else { return }
            let length = end - start
            if length >= 8 {
                let text = String(decoding: bytes[start..<end], as: UTF8.self)
                out.append(contentsOf: (length >= 15 ? IDNumber.mask(text) : BankAccount.mask(text)).utf8)
            } else {
                out.append(contentsOf: bytes[start..<end])
            }
            start = -1
        }
        for (i, b) in bytes.enumerated() {
            let digit = b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")
            let checkX = (b == UInt8(ascii: "X") || b == UInt8(ascii: "x")) && start >= 0 && i - start == 17
            if digit || checkX {
                if start < 0 { start = i }
            } else {
                flush(i)
                out.append(b)
            }
        }
        flush(bytes.count)
        bytes = out
    }
}
