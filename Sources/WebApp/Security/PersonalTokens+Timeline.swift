public import FundWatchCore
public import Storage

extension PersonalTokens {
    /// The names, accounts and phones a timeline holds: what `FundWatchDatabase.personalTokens`
    /// reads for its ID number, and those of the records linked to it, taken from memory.
    public init(timeline: PersonTimeline?) {
        self.init()
        guard let t = timeline else { return }
        if let person = t.person {
            if !person.name.isEmpty { names.insert(person.name) }
            if let phone = person.phone, !phone.isEmpty { phones.insert(phone) }
        }
        for death in t.deaths { if let name = death.name, !name.isEmpty { names.insert(name) } }
        for account in t.bankAccounts where !account.account.isEmpty { accounts.insert(account.account) }
        for payment in t.payments { if let account = payment.bankAccount, !account.isEmpty { accounts.insert(account) } }
    }
}
