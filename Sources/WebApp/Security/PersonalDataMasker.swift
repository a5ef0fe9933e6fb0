import Foundation
import FundWatchCore
public import Storage

/// Masks personal data in text shown to people: the names, accounts and phones on record for
/// the person, and, whatever the records say, anything shaped like an ID number or a long number.
public struct PersonalDataMasker: Sendable {
    public init() {}

    /// 张三丰 → 张**.
    public static func maskName(_ name: String) -> String {
        guard let first = name.first else { return name }
        return String(first) + String(repeating: "*", count: max(1, name.count - 1))
    }

    /// The text with the person's tokens and every ID-like or account-like number masked.
    public func mask(_ text: String, tokens: PersonalTokens?) -> String {
        Self.maskNumbers(maskTokens(text, tokens: tokens))
    }

    /// Only the person's recorded names, accounts and phones masked: for record ids (payment,
    /// settlement numbers), which are long numbers but not personal data.
    public func maskTokens(_ text: String, tokens: PersonalTokens?) -> String {
        var out = text
        if let tokens {
            // Longest first, so that a name containing another is masked whole.
            for name in tokens.names.sorted(by: { $0.count > $1.count }) where !name.isEmpty {
                out = out.replacingOccurrences(of: name, with: Self.maskName(name))
            }
            for account in tokens.accounts.sorted(by: { $0.count > $1.count }) where !account.isEmpty {
                out = out.replacingOccurrences(of: account, with: BankAccount.mask(account))
            }
            for phone in tokens.phones where !phone.isEmpty {
                out = out.replacingOccurrences(of: phone, with: IDNumber.mask(phone))
            }
        }
        return out
    }

    /// Runs of 8 or more digits (an ID number may end in X): ID numbers and accounts that the
    /// records did not name. Short numbers (amounts, dates, counts) stay.
    static func maskNumbers(_ text: String) -> String {
        var out = ""
        var run = ""
        func flush() {
            if run.count >= 8 {
                out += run.count >= 15 ? IDNumber.mask(run) : BankAccount.mask(run)
            } else {
                out += run
            }
            run = ""
        }
        for ch in text {
            if ch.isASCII && ch.isNumber || (ch == "X" || ch == "x") && run.count == 17 {
                run.append(ch)
            } else {
                flush()
                out.append(ch)
            }
        }
        flush()
        return out
    }
}
