public import Foundation
public import FundWatchCore
public import Storage

/// The demo's accounts: every role at each level from the nation down to one county of the
/// demo region, so that each view of the app can be tried. Passwords come from the injected
/// randomness and are returned only when an account is created (or reset): they are shown once.
public struct DemoAccounts: Sendable {
    /// One demo account; `password` is nil for an account that already existed.
    public struct Account: Sendable, Hashable {
        public let username: String
        public let role: UserRole
        public let regionCode: String
        public let password: String?
    }

    let accounts: UserAccounts
    let database: FundWatchDatabase
    let regions: RegionCatalog

    public init(database: FundWatchDatabase, random: RandomBytes, bcryptCost: UInt8 = 12, regions: RegionCatalog = .shared) {
        self.accounts = UserAccounts(database: database, random: random, bcryptCost: bcryptCost)
        self.database = database
        self.regions = regions
    }

    /// The regions of the four levels: the nation, then the province, city and county of the
    /// demo region (down through the children with the most findings where it is higher up).
    public func levels(region: String) async throws -> [(level: String, code: String)] {
        var chain = regions.ancestors(of: region).reversed().map(\.code)
        while let last = chain.last, let r = regions.region(last), r.level != .county {
            guard let scope = RegionScope(code: last, catalog: regions) else { break }
            let children = regions.children(of: last)
            guard !children.isEmpty else { break }
            let tallies = try await database.findingTallies(in: scope, by: .childPrefix(length: scope.prefix.count + 2))
            let best = tallies.first.flatMap { t in children.first { $0.code.hasPrefix(t.key) } } ?? children[0]
            chain.append(best.code)
        }
        let names = ["province", "city", "county"]
        return [("nation", RegionScope.nationCode)] + chain.prefix(3).enumerated().map { (names[$0.offset], $0.element) }
    }

    /// Creates the accounts that are missing (and, with `resetPasswords`, gives existing ones new
    /// passwords). Running it again changes nothing otherwise.
    ///
    /// The bcrypt hashes (a quarter of a second each at cost 12, two dozen accounts) are made on
    /// every core at once; passwords are drawn and accounts written in the same order as one
    /// after another, so the output is the same for the same randomness.
    public func ensure(region: String, resetPasswords: Bool, at time: Date) async throws -> [Account] {
        enum Step { case create, reset, keep }
        var plan = [(account: Account, step: Step)]()
        let existing = Set(try await database.users().map(\.username))
        for (level, code) in try await levels(region: region) {
            for role in UserRole.allCases {
                let username = "\(level).\(role.rawValue)"
                let step: Step = existing.contains(username) ? (resetPasswords ? .reset : .keep) : .create
                let password = step == .keep ? nil : accounts.generatePassword()
                plan.append((Account(username: username, role: role, regionCode: code, password: password), step))
            }
        }
        let hashes = await Self.hashes(of: plan.map(\.account.password), cost: accounts.bcryptCost)
        for (i, (account, step)) in plan.enumerated() {
            switch step {
            case .keep:
                continue
            case .reset:
                try await database.setPasswordHash(username: account.username, passwordHash: hashes[i]!)
            case .create:
                try await accounts.add(
                    username: account.username, displayName: "演示\(RegionNames.name(account.regionCode))\(account.role.chinese)",
                    role: account.role, regionCode: account.regionCode, passwordHash: hashes[i]!, at: time)
            }
        }
        return plan.map(\.account)
    }

    /// The bcrypt hash of each password (nil for nil), computed side by side, at most one per core.
    static func hashes(of passwords: [String?], cost: UInt8) async -> [String?] {
        let width = max(1, ProcessInfo.processInfo.activeProcessorCount)
        return await withTaskGroup(of: (Int, String?).self) { group in
            var out = [String?](repeating: nil, count: passwords.count)
            var next = 0
            func start() {
                let i = next
                next += 1
                group.addTask { (i, passwords[i].map { UserAccounts.hash($0, cost: cost) }) }
            }
            while next < min(width, passwords.count) { start() }
            for await (i, hash) in group {
                out[i] = hash
                if next < passwords.count { start() }
            }
            return out
        }
    }
}
