public import Foundation
import HummingbirdBcrypt
public import Storage

/// Users as the CLI and the demo create them: passwords hashed with bcrypt, API tokens made from
/// injected randomness and stored as SHA-256 digests.
public struct UserAccounts: Sendable {
    let database: FundWatchDatabase
    let random: RandomBytes
    let bcryptCost: UInt8

    public init(database: FundWatchDatabase, random: RandomBytes = .system, bcryptCost: UInt8 = 12) {
        self.database = database
        self.random = random
        self.bcryptCost = bcryptCost
    }

    /// A password shorter than this is refused.
    public static let minimumPasswordLength = 10

    /// Adds a user with a password (hashed here; the clear text is not kept).
    @discardableResult
    public func add(
        username: String, displayName: String, role: UserRole, regionCode: String, password: String, at time: Date
    ) async throws -> WebUser {
        guard password.count >= Self.minimumPasswordLength else {
            throw WebStoreError(.invalidUser, "密码至少需要 \(Self.minimumPasswordLength) 个字符")
        }
        return try await database.addUser(
            NewWebUser(
                username: username, displayName: displayName, role: role, regionCode: regionCode,
                passwordHash: Self.hash(password, cost: bcryptCost)),
            at: time)
    }

    /// Adds a user whose password was hashed already (with `hash(_:cost:)`).
    @discardableResult
    func add(
        username: String, displayName: String, role: UserRole, regionCode: String, passwordHash: String, at time: Date
    ) async throws -> WebUser {
        try await database.addUser(
            NewWebUser(
                username: username, displayName: displayName, role: role, regionCode: regionCode, passwordHash: passwordHash),
            at: time)
    }

    /// A new random password: 16 characters from an alphabet without look-alikes.
    public func generatePassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        return String(random.bytes(16).map { alphabet[Int($0) % alphabet.count] })
    }

    /// Issues an API token for a user; the token is returned once and only its digest is stored.
    public func issueToken(
        for user: WebUser, name: String, scopes: Set<String>, at time: Date, expiresAt: Date? = nil
    ) async throws -> String {
        let token = "fwt_" + random.token(32)
        try await database.addAPIToken(
            userID: user.id, name: name, tokenSHA256: AuditTrail.sha256Hex(Array(token.utf8)), scopes: scopes, at: time,
            expiresAt: expiresAt)
        return token
    }

    /// A bcrypt hash of a password.
    static func hash(_ password: String, cost: UInt8) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    /// Whether a password matches a stored bcrypt hash.
    static func verify(_ password: String, hash: String) -> Bool {
        Bcrypt.verify(password, hash: hash)
    }
}
