import Foundation
/// 冻结: an order to a bank to freeze an account, followed to its release.
///
/// ordered → acknowledged (the bank has the order) → frozen (the bank confirms) → released.
/// Finished once released, so a case cannot close with an account still frozen by it.
public struct Freeze: Sendable, Hashable, Codable {
    /// Where the freeze stands.
    public enum Status: String, Sendable, Hashable, CaseIterable, Codable {
        case ordered, acknowledged, frozen, released

        public var chinese: String {
            switch self {
            case .ordered: "已发冻结通知"
            case .acknowledged: "银行已签收"
            case .frozen: "已冻结"
            case .released: "已解冻"
            }
        }
    }

    /// What happens to a freeze.
    public enum Event: String, Sendable, Hashable, CaseIterable, Codable {
        /// The bank acknowledges the order.
        case acknowledge
        /// The bank confirms the account is frozen.
        case confirmFrozen = "confirm_frozen"
        /// The freeze is lifted (e.g. the money is recovered, or the appeal upheld).
        case release
    }

    public var bank: String
    public var account: String
    public var status: Freeze.Status

    /// A freeze as stored; use `order(bank:account:)` for a new one.
    public init(bank: String, account: String, status: Freeze.Status) {
        self.bank = bank
        self.account = account
        self.status = status
    }

    /// A new freeze order; the bank and account must be given.
    public static func order(bank: String, account: String) -> Result<Freeze, CaseRefusal> {
        let bank = bank.trimmingCharacters(in: .whitespaces)
        let account = account.trimmingCharacters(in: .whitespaces)
        guard !bank.isEmpty, !account.isEmpty else {
            return .failure(CaseRefusal(.invalidInput, "冻结通知须写明开户银行和账号"))
        }
        return .success(Freeze(bank: bank, account: account, status: .ordered))
    }

    public var isFinished: Bool { status == .released }

    /// The freeze after `event`, or why it does not apply now.
    public func applying(_ event: Event) -> Result<Freeze, CaseRefusal> {
        let allowed: [Event: (from: Set<Status>, to: Status)] = [
            .acknowledge: ([.ordered], .acknowledged),
            .confirmFrozen: ([.acknowledged], .frozen),
            .release: ([.ordered, .acknowledged, .frozen], .released),
        ]
        guard let rule = allowed[event], rule.from.contains(status) else {
            return .failure(CaseRefusal(.invalidTransition, "冻结当前为“\(status.chinese)”，不能执行 \(event.rawValue)"))
        }
        var next = self
        next.status = rule.to
        return .success(next)
    }
}
