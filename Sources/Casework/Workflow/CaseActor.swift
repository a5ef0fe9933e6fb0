/// Who acts on a case: their name as the ledger records it, their role and their region.
public struct CaseActor: Sendable, Hashable, Codable {
    public var name: String
    public var role: CaseRole
    /// The six-digit code of the actor's region (`000000` for the nation).
    public var regionCode: String

    public init(name: String, role: CaseRole, regionCode: String) {
        self.name = name
        self.role = role
        self.regionCode = regionCode
    }

    /// Whether the actor works cases (checks, investigates, records steps).
    var worksCases: Bool { role != .leader }

    /// Whether the actor may take a section head's decisions (decide, approve, sign off, reopen).
    var leads: Bool { role == .supervisor || role == .leader }

    /// Whether the actor's region is strictly above `regionCode` (a province over its cities and
    /// counties, a city over its counties, the nation over all).
    func isAbove(_ regionCode: String) -> Bool {
        RegionPrefix.strictlyContains(self.regionCode, regionCode)
    }
}

/// GB/T 2260 codes nest by prefix: `370000` ⊃ `370100` ⊃ `370102`.
enum RegionPrefix {
    /// The prefix of a code's subtree: `""` for the nation, 2 digits for a province, 4 for a city.
    static func prefix(_ code: String) -> String {
        if code == "000000" { return "" }
        if code.hasSuffix("0000") { return String(code.prefix(2)) }
        if code.hasSuffix("00") { return String(code.prefix(4)) }
        return code
    }

    /// Whether `outer`'s subtree holds `inner` and they differ.
    static func strictlyContains(_ outer: String, _ inner: String) -> Bool {
        outer != inner && inner.hasPrefix(prefix(outer))
    }
}
