public import FundWatchCore

/// The part of the country a user may see: a region and everything under it.
///
/// GB/T 2260 codes nest by prefix (province `37`, city `3701`, county `370102`), so the subtree
/// is a code prefix: the same test in SQL (`LIKE '3701%'`) and in memory. The nation (`000000`)
/// sees everything.
public struct RegionScope: Sendable, Hashable {
    /// The six-digit code of the scope's root.
    public let code: String
    /// The code prefix every region in the scope starts with (empty for the nation).
    public let prefix: String

    /// The code of the whole country.
    public static let nationCode = "000000"

    /// The scope rooted at `code`; nil when the code is neither the nation nor a known region.
    public init?(code: String, catalog: RegionCatalog = .shared) {
        if code == Self.nationCode {
            self.code = code
            self.prefix = ""
            return
        }
        guard let region = catalog.region(code) else { return nil }
        self.code = code
        switch region.level {
        case .nation: self.prefix = ""
        case .province: self.prefix = String(code.prefix(2))
        case .city: self.prefix = String(code.prefix(4))
        case .county: self.prefix = code
        }
    }

    /// Whether a region code lies in the scope. A record without a region is only in the nation's.
    public func contains(_ regionCode: String?) -> Bool {
        guard let regionCode else { return prefix.isEmpty }
        return regionCode.hasPrefix(prefix)
    }

    /// The SQL `LIKE` pattern of the scope's codes (the prefix has only digits: nothing to escape).
    public var likePattern: String { prefix + "%" }

    /// Whether the scope is the whole country.
    public var isNation: Bool { prefix.isEmpty }
}
