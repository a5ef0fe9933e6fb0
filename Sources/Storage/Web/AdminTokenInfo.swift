public import Foundation

/// An API token as the admin page lists it: never the token itself (only its digest is stored).
public struct AdminTokenInfo: Sendable, Hashable, Codable {
    public var id: Int64
    public var username: String
    public var userRegionCode: String
    public var name: String
    public var scopes: [String]
    public var createdAt: Date
    public var expiresAt: Date?
    public var revoked: Bool

    public init(
        id: Int64, username: String, userRegionCode: String, name: String, scopes: [String], createdAt: Date,
        expiresAt: Date?, revoked: Bool
    ) {
        self.id = id
        self.username = username
        self.userRegionCode = userRegionCode
        self.name = name
        self.scopes = scopes
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revoked = revoked
    }
}
