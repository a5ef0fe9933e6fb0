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
        let (columns, recordColumns, personColumns) = Self.linkageColumns(records, persons: persons)
        let recordTable = try Table(name: "records", columnNames: columns, idColumn: "key", columns: recordColumns)
        let personTable = try Table(name: "persons", columnNames: columns, idColumn: "key", columns: personColumns)
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
        let (columns, recordColumns, personColumns) = linkageColumns(records, persons: persons)
        func rows(_ table: [[String]]) -> [[String]] {
            (0..<(table.first?.count ?? 0)).map { r in table.map { $0[r] } }
        }
        return (columns, rows(recordColumns), rows(personColumns))
    }

    /// The engine's inputs column by column (what the tables hold), built without a row array
    /// per person: a million registry rows become eleven arrays of strings.
    static func linkageColumns(_ records: [UnresolvedRecord], persons: [PersonProfile]) -> (
        columns: [String], records: [[String]], persons: [[String]]
    ) {
        let columns = [
            "key", "name", "id_region", "id_birth", "id_birth_tail", "id_order", "sex", "id_check", "id_tail", "id", "region",
            "death_date",
        ]
        func empty(_ n: Int) -> [[String]] {
            var table = [[String]](repeating: [], count: columns.count)
            for c in table.indices { table[c].reserveCapacity(n) }
            return table
        }
        func append(_ table: inout [[String]], key: String, name: String, parts: IDParts?, sex: String?, region: String, death: String) {
            table[0].append(key)
            table[1].append(name)
            table[2].append(parts?.region ?? "")
            table[3].append(parts?.birth ?? "")
            table[4].append(parts?.birthTail ?? "")
            table[5].append(parts?.order ?? "")
            table[6].append(sex ?? "")
            table[7].append(parts?.check ?? "")
            table[8].append(parts?.tail ?? "")
            table[9].append(parts?.whole ?? "")
            table[10].append(region)
            table[11].append(death)
        }
        var recordColumns = empty(records.count)
        for (i, r) in records.enumerated() {
            let parts = IDParts(r.rawID)
            append(
                &recordColumns, key: "r\(i)", name: r.value("name") ?? "", parts: parts, sex: parts?.sex,
                region: r.value("region_code") ?? "", death: r.kind == .deathRecord ? r.value("death_date") ?? "" : "")
        }
        var personColumns = empty(persons.count)
        for p in persons {
            let parts = IDParts(p.key)
            append(
                &personColumns, key: p.key, name: p.name, parts: parts, sex: p.sex ?? parts?.sex, region: p.region ?? "",
                death: p.deathDate ?? "")
        }
        return (columns, recordColumns, personColumns)
    }

    /// The engine's settings: blocks that survive a typo or a swap anywhere in the ID number, a
    /// block on the name's sound and one on the death date, and the comparisons above.
    static func linkageSettings(_ settings: Settings) throws(LinkageError) -> LinkageSettings {
        func rule(_ keys: String...) -> BlockingRule { BlockingRule(keys: keys.map { BlockingRule.Key(parsing: $0)! }) }
        return LinkageSettings(
            mode: .link,
            blocking: [
                rule("id_region", "id_birth"),  // errors in the order code or the check
                rule("id_birth", "prefix(id_tail, 3)"),  // errors in the region
                rule("id_region", "prefix(id_tail, 3)"),  // errors in the birth date
                rule("id_region", "prefix(id_birth, 7)"),  // the last birth digit swapped with the order code
                rule("id_birth_tail", "prefix(id_tail, 3)"),  // the region's last digit swapped with the year
                rule("pinyin(name)"),
                rule("death_date"),
            ],
            comparisons: [
                try Comparison(column: "name", method: .pinyin, termFrequencyAdjusted: true),
                try Comparison(column: "id_region", method: .damerauLevenshtein, levels: [.distance(1)]),
                try Comparison(column: "id_birth", method: .damerauLevenshtein, levels: [.distance(1)]),
                // The whole number as a checked code: one typo before the check leaves the true
                // number's check in place, and one adjacent swap is one error even where it
                // straddles two parts (the birth date's last digit and the order code's first
                // spoil both). A person whose number is the written one's neighbour in the
                // sequence differs in the check too; compared part by part (order near, check
                // different) the two would score alike. Region and birth date are also compared
                // apart, for how near a candidate is when the number has more than one error; the
                // sex digit is the order code's last, so it is not compared again.
                try Comparison(column: "id", method: .checkedCode),
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

    /// The order code and the check character, compared as one checked code ("?" stands for a
    /// check character the number lacks).
    var tail: String { order + (check ?? "?") }

    /// The whole number in its 18-character layout ("?" for a missing check character).
    var whole: String { region + birth + tail }

    init?(_ raw: String) {
        // The registry's keys and most written numbers are 18 ASCII characters: cut the bytes.
        if raw.utf8.count == 18, let parts = raw.utf8.withContiguousStorageIfAvailable({ IDParts(ascii18: $0) }) ?? nil {
            self = parts
            return
        }
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

    /// The parts of 18 ASCII bytes with no space, or nil for anything else.
    private init?(ascii18 b: UnsafeBufferPointer<UInt8>) {
        guard b.count == 18, b.allSatisfy({ $0 > 0x20 && $0 < 0x80 }) else { return nil }
        func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: b[range]), as: UTF8.self) }
        region = text(0..<6)
        birth = text(6..<14)
        order = text(14..<17)
        let sexDigit = b[16]
        sex = (0x30...0x39).contains(sexDigit) ? (sexDigit % 2 == 1 ? "male" : "female") : nil
        // A lower-case x is the check character X.
        let last = b[17]
        check = last == UInt8(ascii: "x") ? "X" : String(decoding: CollectionOfOne(last), as: UTF8.self)
    }
}
