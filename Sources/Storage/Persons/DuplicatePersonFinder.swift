public import Linkage

/// Finds registry entries that are one human under two ID numbers (一人多号: a number mistyped at
/// registration and upgraded from 15 digits, a second household registration): the Linkage
/// engine in dedupe mode over the person registry. Pure: no I/O.
///
/// No blocking rule lets twins and other family members, who share a birth date, an address and a
/// phone but not a given name, become candidates: the same name sound and the birth date, or the
/// phone, or the birth month and the region code (a birth day keyed one off at the second
/// registration, without a phone in common); or the same order code and birth month (a name keyed
/// with another sound), which twins, born the same day in the same county, cannot share. The model then
/// weighs the ID numbers' parts (the birth date's one-edit level and the order code under a
/// changed check character carry such a pair), sex, address and phone.
public struct DuplicatePersonFinder: Sendable {
    /// How sure a merge must be.
    public struct Settings: Sendable, Hashable {
        /// Pairs at or above this probability are the same human.
        public var accept: Double
        /// Pairs from this probability up to `accept` go to review.
        public var reviewFloor: Double
        /// The seed of the engine's random pairs.
        public var seed: UInt64

        public init(accept: Double = 0.95, reviewFloor: Double = 0.5, seed: UInt64 = 42) {
            self.accept = accept
            self.reviewFloor = reviewFloor
            self.seed = seed
        }
    }

    /// Two registry entries that may be one human.
    public struct Pair: Sendable, Hashable {
        /// The two person keys, the smaller first.
        public let first: String
        public let second: String
        public let probability: Double
        /// At or above `accept`: merged; below it: for a reviewer.
        public let sure: Bool
        /// Why it scored so.
        public let explanation: PairExplanation
    }

    public let settings: Settings

    public init(settings: Settings = Settings()) { self.settings = settings }

    /// The pairs at or above the review floor, strongest first.
    public func pairs(
        _ persons: [PersonProfile], progress: @escaping @Sendable (String) -> Void = { _ in }
    ) throws(LinkageError) -> [Pair] {
        guard persons.count >= 2 else { return [] }
        let columns = ["key", "name", "id_region", "id_birth", "id_tail", "sex", "address", "phone"]
        var table = [[String]](repeating: [], count: columns.count)
        for c in table.indices { table[c].reserveCapacity(persons.count) }
        for p in persons {
            let parts = IDParts(p.key)
            table[0].append(p.key)
            table[1].append(p.name)
            table[2].append(parts?.region ?? "")
            table[3].append(parts?.birth ?? "")
            table[4].append(parts?.tail ?? "")
            table[5].append(p.sex ?? parts?.sex ?? "")
            table[6].append(p.address ?? "")
            table[7].append(p.phone ?? "")
        }
        let registry = try Table(name: "persons", columnNames: columns, idColumn: "key", columns: table)
        let linker = try Linker(settings: try Self.linkageSettings(settings), inputs: [registry])
        let result = try linker.run(progress: progress)
        return result.links.sorted { $0.probability > $1.probability }.map { link in
            let (a, b) = (Int(link.left), Int(link.right))
            let (x, y) = persons[a].key < persons[b].key ? (a, b) : (b, a)
            return Pair(
                first: persons[x].key, second: persons[y].key, probability: link.probability,
                sure: link.probability >= settings.accept, explanation: result.explain(x, y))
        }
    }

    static func linkageSettings(_ settings: Settings) throws(LinkageError) -> LinkageSettings {
        func rule(_ keys: String...) -> BlockingRule { BlockingRule(keys: keys.map { BlockingRule.Key(parsing: $0)! }) }
        return LinkageSettings(
            mode: .dedupe,
            blocking: [
                rule("pinyin(name)", "id_birth"), rule("pinyin(name)", "phone"),
                rule("pinyin(name)", "prefix(id_birth, 6)", "id_region"),
                // A name keyed with another sound (林帅 → 林率): the order code and the birth month.
                // Twins never share a block here: same county and birth date, so other order codes.
                rule("prefix(id_tail, 3)", "prefix(id_birth, 6)"),
            ],
            comparisons: [
                try Comparison(column: "name", method: .pinyin, termFrequencyAdjusted: true),
                try Comparison(column: "id_birth", method: .damerauLevenshtein, levels: [.distance(1)]),
                try Comparison(column: "sex", method: .exact),
                try Comparison(column: "id_region", method: .damerauLevenshtein, levels: [.distance(1)]),
                try Comparison(column: "id_tail", method: .checkedCode),
                try Comparison(column: "address", method: .jaccard, levels: [.similarity(0.8), .similarity(0.5)]),
                try Comparison(column: "phone", method: .exact, termFrequencyAdjusted: true),
            ],
            threshold: settings.reviewFloor, uSampleSize: 400_000, seed: settings.seed, clusterGuard: true)
    }
}
