extension FileQualityReport {
    /// One consistency check over a file's accepted rows: how many rows it could look at, how
    /// many disagree, and a few of their lines. The rows stay accepted: a disagreement is a lead
    /// for the data owners (and the auditors), not proof of which side is wrong.
    public struct ConsistencyCheck: Codable, Sendable, Hashable {
        /// A stable code: `birth_date_vs_id`, `sex_vs_id`, `name_vs_person`.
        public var check: String
        /// What is compared, in Chinese, for the report page.
        public var label: String
        /// Rows where both sides are known.
        public var checked: Int
        /// Rows where they differ.
        public var mismatched: Int
        /// The first few lines that differ.
        public var exampleLines: [Int]

        public init(check: String, label: String, checked: Int, mismatched: Int, exampleLines: [Int]) {
            self.check = check
            self.label = label
            self.checked = checked
            self.mismatched = mismatched
            self.exampleLines = exampleLines
        }

        enum CodingKeys: String, CodingKey {
            case check, label, checked, mismatched
            case exampleLines = "example_lines"
        }
    }
}

/// The checks a row can answer by itself: the birth date and sex an 18-character ID number
/// encodes against the row's own `birth_date` and `sex`.
struct RowConsistency: Sendable {
    private let idField: Int?
    private let birthField: Int?
    private let sexField: Int?
    private(set) var birth = FileQualityReport.ConsistencyCheck(
        check: "birth_date_vs_id", label: "出生日期与身份证号码不一致", checked: 0, mismatched: 0, exampleLines: [])
    private(set) var sex = FileQualityReport.ConsistencyCheck(
        check: "sex_vs_id", label: "性别与身份证号码不一致", checked: 0, mismatched: 0, exampleLines: [])

    /// `fieldNames` in the record type's order; mapped fields only take part.
    init(fieldNames: [String], mapped: Set<Int>) {
        func index(_ name: String) -> Int? { fieldNames.firstIndex(of: name).flatMap { mapped.contains($0) ? $0 : nil } }
        idField = index("id_number")
        birthField = index("birth_date")
        sexField = index("sex")
    }

    /// Whether there is anything to check at all.
    var applies: Bool { idField != nil && (birthField != nil || sexField != nil) }

    /// Checks one accepted row (canonical values, so the ID is 18 characters).
    mutating func add(_ values: [String], line: Int) {
        guard let idField else { return }
        let id = Array(values[idField].utf8)
        guard id.count == 18 else { return }
        if let birthField, values[birthField].utf8.count == 10 {
            let b = Array(values[birthField].utf8)
            // YYYYMMDD at ID positions 6…13 against YYYY-MM-DD.
            let same = id[6..<10].elementsEqual(b[0..<4]) && id[10..<12].elementsEqual(b[5..<7]) && id[12..<14].elementsEqual(b[8..<10])
            Self.count(&birth, same: same, line: line)
        }
        if let sexField, !values[sexField].isEmpty {
            // The 17th character is odd for men, even for women.
            let male = (id[16] - 0x30) % 2 == 1
            Self.count(&sex, same: (values[sexField] == "male") == male, line: line)
        }
    }

    /// Adds the counts of a later chunk of rows.
    mutating func merge(_ other: RowConsistency) {
        Self.merge(&birth, other.birth)
        Self.merge(&sex, other.sex)
    }

    private static func merge(_ check: inout FileQualityReport.ConsistencyCheck, _ other: FileQualityReport.ConsistencyCheck) {
        check.checked += other.checked
        check.mismatched += other.mismatched
        check.exampleLines += other.exampleLines.prefix(QualityAccumulator.examplesPerGroup - check.exampleLines.count)
    }

    private static func count(_ check: inout FileQualityReport.ConsistencyCheck, same: Bool, line: Int) {
        check.checked += 1
        guard !same else { return }
        check.mismatched += 1
        if check.exampleLines.count < QualityAccumulator.examplesPerGroup { check.exampleLines.append(line) }
    }

    /// The checks that had rows to look at.
    var checks: [FileQualityReport.ConsistencyCheck] {
        [birthField != nil ? birth : nil, sexField != nil ? sex : nil].compactMap { $0 }
    }
}
