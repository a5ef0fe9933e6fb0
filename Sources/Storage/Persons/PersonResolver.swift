import FundWatchCore
public import Linkage

/// Finds the person of each record whose ID number is mistyped or missing, with the Linkage
/// engine: a Fellegi–Sunter model over the parts of the ID number (issuing region, birth date,
/// order code, sex digit — a typo or a swap spoils one or two parts, not all), the name (pinyin,
/// Traditional/Simplified, with term-frequency adjustment) and, for death records, the death
/// date another department recorded under the valid number. Pure: no I/O.
public struct PersonResolver: Sendable {
    /// How sure a link must be.
    public struct Settings: Sendable, Hashable {
        /// A record links to its best candidate at or above this probability when no other
        /// candidate reaches `reviewFloor`.
        public var accept: Double
        /// Candidates between this and `accept` (or rivals of an accepted one) go to review.
        public var reviewFloor: Double
        /// How many bits the best candidate must lead a rival in the grey band by to be linked.
        public var margin: Double
        /// At most this many candidates of one record go to review.
        public var reviewCandidates: Int
        /// The seed of the engine's random pairs (u estimation).
        public var seed: UInt64

        public init(
            accept: Double = 0.95, reviewFloor: Double = 0.5, margin: Double = 5, reviewCandidates: Int = 3, seed: UInt64 = 42
        ) {
            self.accept = accept
            self.margin = margin
            self.reviewFloor = reviewFloor
            self.reviewCandidates = reviewCandidates
            self.seed = seed
        }
    }

    /// One scored candidate of a record.
    public struct Candidate: Sendable, Hashable {
        public let personKey: String
        public let probability: Double
        /// Why it scored so: the waterfall of the comparison.
        public let explanation: PairExplanation
    }

    /// What became of one record.
    public enum Outcome: Sendable, Hashable {
        /// Linked to one person.
        case linked(Candidate)
        /// Unsure: these candidates go to a reviewer.
        case review([Candidate])
        /// No candidate reached the review floor.
        case unresolved
    }

    public let settings: Settings

    public init(settings: Settings = Settings()) { self.settings = settings }

    /// The outcome of each record, in order. `excluded` maps a record's index to the person keys
    /// a reviewer marked different from it: those pairs are never proposed again.
    public func resolve(
        _ records: [UnresolvedRecord], persons: [PersonProfile], excluded: [Int: Set<String>] = [:],
        progress: @escaping @Sendable (String) -> Void = { _ in }
    ) throws(LinkageError) -> [Outcome] {
        guard !records.isEmpty, !persons.isEmpty else {
            return records.map { _ in .unresolved }
        }
        let (columns, recordRows, personRows) = Self.linkageRows(records, persons: persons)
        let recordTable = try Table(name: "records", columnNames: columns, idColumn: "key", rows: recordRows)
        let personTable = try Table(name: "persons", columnNames: columns, idColumn: "key", rows: personRows)
        let linker = try Linker(settings: try Self.linkageSettings(settings), inputs: [recordTable, personTable])
        let result = try linker.run(progress: progress)

        var candidates = [[(person: Int, probability: Double, weight: Double)]](repeating: [], count: records.count)
        for link in result.links {
            let a = Int(link.left)
            let b = Int(link.right)
            let (r, p) = a < records.count ? (a, b) : (b, a)
            guard r < records.count, p >= records.count else { continue }
            let key = persons[p - records.count].key
            if excluded[r]?.contains(key) == true { continue }
            candidates[r].append((p, link.probability, link.weight))
        }
        return candidates.enumerated().map { r, found in
            let ranked = found.sorted { $0.probability > $1.probability }
            func candidate(_ c: (person: Int, probability: Double, weight: Double)) -> Candidate {
                Candidate(
                    personKey: persons[c.person - records.count].key, probability: c.probability,
                    explanation: result.explain(r, c.person))
            }
            guard let best = ranked.first else { return .unresolved }
            // A rival in the grey band stops the link unless the best is far more likely than it.
            let rival = ranked.dropFirst().first
            let clear = rival.map { $0.probability < settings.reviewFloor || best.weight - $0.weight >= settings.margin } ?? true
            if best.probability >= settings.accept && clear {
                return .linked(candidate(best))
            }
            return .review(ranked.prefix(settings.reviewCandidates).map(candidate))
        }
    }

    /// The engine's inputs as rows: records (ids `r0`, `r1`, … in order) and persons (ids their
    /// keys), over the same columns. Public so that a benchmark can hand a peer the very same table.
    public static func linkageRows(_ records: [UnresolvedRecord], persons: [PersonProfile]) -> (
        columns: [String], records: [[String]], persons: [[String]]
    ) {
        let columns = [
            "key", "name", "id_region", "id_birth", "id_birth_tail", "id_order", "sex", "id_check", "region", "death_date",
        ]
        let recordRows = records.enumerated().map { i, r in
            let parts = IDParts(r.rawID)
            return [
                "r\(i)", r.value("name") ?? "", parts?.region ?? "", parts?.birth ?? "", parts?.birthTail ?? "",
                parts?.order ?? "", parts?.sex ?? "", parts?.check ?? "", r.value("region_code") ?? "",
                r.kind == .deathRecord ? r.value("death_date") ?? "" : "",
            ]
        }
        let personRows = persons.map { p in
            let parts = IDParts(p.key)
            return [
                p.key, p.name, parts?.region ?? "", parts?.birth ?? "", parts?.birthTail ?? "", parts?.order ?? "",
                p.sex ?? parts?.sex ?? "", parts?.check ?? "", p.region ?? "", p.deathDate ?? "",
            ]
        }
        return (columns, recordRows, personRows)
    }

    /// The engine's settings: blocks that survive a typo or a swap anywhere in the ID number, a
    /// block on the name's sound and one on the death date, and the comparisons above.
    static func linkageSettings(_ settings: Settings) throws(LinkageError) -> LinkageSettings {
        func rule(_ keys: String...) -> BlockingRule { BlockingRule(keys: keys.map { BlockingRule.Key(parsing: $0)! }) }
        return LinkageSettings(
            mode: .link,
            blocking: [
                rule("id_region", "id_birth"),  // errors in the order code, sex digit or check
                rule("id_birth", "id_order", "sex"),  // errors in the region
                rule("id_region", "id_order", "sex"),  // errors in the birth date
                rule("id_region", "prefix(id_birth, 7)"),  // the last birth digit swapped with the order code
                rule("id_birth_tail", "id_order", "sex"),  // the region's last digit swapped with the year
                rule("pinyin(name)"),
                rule("death_date"),
            ],
            comparisons: [
                try Comparison(column: "name", method: .pinyin, termFrequencyAdjusted: true),
                try Comparison(column: "id_region", method: .damerauLevenshtein, levels: [.distance(1)]),
                try Comparison(column: "id_birth", method: .damerauLevenshtein, levels: [.distance(1)]),
                try Comparison(column: "id_order", method: .damerauLevenshtein, levels: [.distance(1)]),
                try Comparison(column: "sex", method: .exact),
                try Comparison(column: "id_check", method: .exact),
                // Where the record was made (a hospital's county) against where the person lives:
                // one digit apart is mostly the same city.
                try Comparison(column: "region", method: .damerauLevenshtein, levels: [.distance(1)]),
                try Comparison(column: "death_date", method: .date, levels: [.difference(7)]),
            ],
            threshold: settings.reviewFloor, uSampleSize: 400_000, seed: settings.seed, clusterGuard: false)
    }
}

/// The parts of an ID number as written, even when its check fails: issuing region (6 digits),
/// birth date (8), order code (3, the sex digit last), sex (odd male, even female) and check character (which a
/// typo elsewhere leaves as the true number's). A 15-digit number is read in its 18-digit layout.
struct IDParts {
    let region: String
    let birth: String
    let order: String
    let sex: String?
    let check: String?

    /// The birth date without its first digit, for the block that survives a swap across the
    /// region's end and the year's start.
    var birthTail: String { String(birth.dropFirst()) }

    init?(_ raw: String) {
        var chars = Array(raw.uppercased().filter { !$0.isWhitespace })
        if chars.count == 15 {
            chars = Array(chars[0..<6]) + ["1", "9"] + Array(chars[6..<15]) + ["?"]
        }
        guard chars.count == 18 || chars.count == 17 else { return nil }
        region = String(chars[0..<6])
        birth = String(chars[6..<14])
        order = String(chars[14..<17])
        if let digit = chars[16].wholeNumberValue {
            sex = digit % 2 == 1 ? "male" : "female"
        } else {
            sex = nil
        }
        check = chars.count == 18 && chars[17] != "?" ? String(chars[17]) : nil
    }
}
