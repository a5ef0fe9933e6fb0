import FundWatchCore

/// The codes a code-typed canonical field accepts, with the Chinese labels departments write
/// instead (男 → male, 城乡居民基本养老保险 → pension_resident).
struct CodeVocabulary: Sendable {
    /// Every accepted spelling → its canonical code.
    let codeBySpelling: [String: String]
    /// The canonical codes, for messages.
    let codes: [String]

    init<C: CanonicalCode>(_ type: C.Type) {
        var map = [String: String]()
        for c in C.allCases {
            map[c.rawValue] = c.rawValue
            map[c.chinese] = c.rawValue
            // Cleaning turns full-width brackets half-width before the look-up: 民政（殡葬） → 民政(殡葬).
            if let half = TextCleaning.halfWidth(c.chinese) { map[half] = c.rawValue }
        }
        self.codeBySpelling = map
        self.codes = C.allCases.map(\.rawValue)
    }

    private init(booleans: Void) {
        codeBySpelling = [
            "true": "true", "false": "false", "TRUE": "true", "FALSE": "false", "True": "true", "False": "false",
            "1": "true", "0": "false", "是": "true", "否": "false", "Y": "true", "N": "false", "y": "true", "n": "false",
        ]
        codes = ["true", "false"]
    }

    /// The spellings of a boolean: true/false, 1/0, 是/否, Y/N.
    static let boolean = CodeVocabulary(booleans: ())

    /// The vocabulary of a code field of a record type, nil when the field is not a code.
    static func of(kind: RecordKind, field: String) -> CodeVocabulary? {
        switch (kind, field) {
        case (_, "sex"): CodeVocabulary(Sex.self)
        case (_, "insurance"): CodeVocabulary(Insurance.self)
        case (_, "benefit"): CodeVocabulary(Benefit.self)
        case (.deathRecord, "source"): CodeVocabulary(DeathSource.self)
        case (_, "visit"): CodeVocabulary(VisitKind.self)
        case (.institution, "kind"): CodeVocabulary(InstitutionKind.self)
        case (.custodyRecord, "kind"): CodeVocabulary(CustodyKind.self)
        case (_, "method"): CodeVocabulary(VerificationMethod.self)
        default: nil
        }
    }
}
