public import Foundation

/// A person who signs in to the web application.
public struct WebUser: Sendable, Hashable, Codable {
    public var id: Int64
    /// The sign-in name (lower-case letters, digits, `.`, `_`, `-`).
    public var username: String
    /// The name shown in the page header and in the alert history.
    public var displayName: String
    public var role: UserRole
    /// The root of the region subtree the user may see (`000000` for the nation).
    public var regionCode: String
    public var disabled: Bool
    public var createdAt: Date

    public init(
        id: Int64, username: String, displayName: String, role: UserRole, regionCode: String, disabled: Bool,
        createdAt: Date
    ) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.role = role
        self.regionCode = regionCode
        self.disabled = disabled
        self.createdAt = createdAt
    }

    /// The name the ledger and alert history record for this user's actions.
    public var actor: String { "user/" + username }
}

/// A user to add: the password arrives already hashed (bcrypt, in the web layer).
public struct NewWebUser: Sendable, Hashable {
    public var username: String
    public var displayName: String
    public var role: UserRole
    public var regionCode: String
    public var passwordHash: String

    public init(username: String, displayName: String, role: UserRole, regionCode: String, passwordHash: String) {
        self.username = username
        self.displayName = displayName
        self.role = role
        self.regionCode = regionCode
        self.passwordHash = passwordHash
    }
}
