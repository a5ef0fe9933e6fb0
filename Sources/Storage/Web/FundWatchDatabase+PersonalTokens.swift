import GRDB

/// The personal data of one person that free text (finding explanations) may quote: what a
/// masker must hide.
public struct PersonalTokens: Sendable, Hashable {
    public var names: Set<String> = []
    public var accounts: Set<String> = []
    public var phones: Set<String> = []

    public init(names: Set<String> = [], accounts: Set<String> = [], phones: Set<String> = []) {
        self.names = names
        self.accounts = accounts
        self.phones = phones
    }
}

extension FundWatchDatabase {
    /// The names, bank accounts and phones on record for each of these ID numbers.
    public func personalTokens(of idNumbers: [String]) async throws -> [String: PersonalTokens] {
        let ids = Array(Set(idNumbers))
        if ids.isEmpty { return [:] }
        return try await writer.read { db in
            var out = [String: PersonalTokens]()
            // Chunks keep each statement under SQLite's bound-variable limit.
            for start in stride(from: 0, to: ids.count, by: 400) {
                let chunk = Array(ids[start..<min(start + 400, ids.count)])
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let args = StatementArguments(chunk)
                for row in try Row.fetchAll(
                    db, sql: "SELECT id_number, name, phone FROM person WHERE id_number IN (\(marks))", arguments: args)
                {
                    let id: String = row["id_number"]
                    if let name: String = row["name"], !name.isEmpty { out[id, default: .init()].names.insert(name) }
                    if let phone: String = row["phone"], !phone.isEmpty { out[id, default: .init()].phones.insert(phone) }
                }
                for row in try Row.fetchAll(
                    db, sql: "SELECT id_number, name FROM death_record WHERE id_number IN (\(marks)) AND name IS NOT NULL",
                    arguments: args)
                {
                    let name: String = row["name"]
                    if !name.isEmpty { out[row["id_number"] as String, default: .init()].names.insert(name) }
                }
                for row in try Row.fetchAll(
                    db,
                    sql: """
                        SELECT holder_id_number AS id, account FROM bank_account WHERE holder_id_number IN (\(marks))
                        UNION SELECT id_number AS id, bank_account AS account FROM benefit_payment
                            WHERE id_number IN (\(marks)) AND bank_account IS NOT NULL
                        """,
                    arguments: args + args)
                {
                    let account: String = row["account"]
                    if !account.isEmpty { out[row["id"] as String, default: .init()].accounts.insert(account) }
                }
            }
            return out
        }
    }
}
