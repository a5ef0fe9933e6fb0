import FundWatchCore

/// Cleans one mapped field's raw export value into canonical text, counting each step that
/// changed it. Pure and `Sendable`: the mapper runs it on a background thread. A class, so the
/// row loop shares one instance (with its tables) instead of copying it for every value.
final class FieldCleaner: Sendable {
    /// Why a value cannot be made canonical; the row is rejected with it.
    struct Problem: Error, Hashable, Sendable {
        let reason: String
    }

    let field: FieldSpec
    let formats: [DatePattern]
    let unit: MoneyUnit
    let region: RegionResolver?
    let valueMap: [String: String]
    let vocabulary: CodeVocabulary?
    let simplify: Bool
    let isName: Bool

    /// `catalog` nil: the bundled regions, loaded here only for a region look-up.
    init(mapping: FieldMapping, kind: RecordKind, catalog: RegionCatalog?) {
        self.field = mapping.field
        self.formats = mapping.formats
        self.unit = mapping.unit
        self.region = mapping.lookup.map { RegionResolver(catalog: catalog ?? .shared, within: $0.within) }
        self.valueMap = mapping.valueMap
        self.vocabulary = mapping.field.type == .bool ? CodeVocabulary.boolean : CodeVocabulary.of(kind: kind, field: mapping.field.name)
        self.simplify = mapping.simplify
        self.isName = mapping.field.name == "name"
        self.spellings = (vocabulary?.codeBySpelling ?? [:]).sorted { $0.key < $1.key }
            .map { Spelling(bytes: Array($0.key.utf8), code: $0.value, isCode: $0.key == $0.value) }
    }

    /// A vocabulary spelling as bytes, for the byte-level look-up of `cleanFast`.
    struct Spelling: Sendable {
        let bytes: [UInt8]
        let code: String
        /// The spelling is the code itself (nothing to count as mapped).
        let isCode: Bool
    }

    /// The vocabulary's spellings.
    let spellings: [Spelling]

    /// What the fast path made of a value: the value unchanged, or new text.
    enum FastValue {
        case same
        case value(String)
    }

    /// The canonical text of `raw` ("" for an empty value: unknown), or why there is none.
    func clean(_ raw: String, counts: inout CleaningCounts) -> Result<String, Problem> {
        var copy = raw
        switch copy.withUTF8({ cleanFast($0, counts: &counts) }) {
        case .same: return .success(raw)
        case .value(let value): return .success(value)
        case nil: return cleanGeneral(raw, counts: &counts)
        }
    }

    /// The general path: every cleaning step on `String`s, and the reasons for failures.
    func cleanGeneral(_ raw: String, counts: inout CleaningCounts) -> Result<String, Problem> {
        var value = raw
        if let t = TextCleaning.trimmed(value) {
            value = t
            counts.add(.trim)
        }
        if value.isEmpty { return .success("") }
        if let h = TextCleaning.halfWidth(value, punctuation: field.type != .text) {
            value = h
            counts.add(.fullWidth)
            if let t = TextCleaning.trimmed(value) { value = t }
        }
        if simplify, let s = ChineseSimplifier.simplified(value) {
            value = s
            counts.add(.traditionalToSimplified)
        }
        if !valueMap.isEmpty, let mapped = valueMap[value] {
            if mapped != value { counts.add(.codeMapped) }
            value = mapped
        }
        switch field.type {
        case .text:
            if isName, let n = TextCleaning.normalisedName(value) {
                value = n
                counts.add(.nameNormalised)
            }
            return .success(value)
        case .idNumber:
            return .success(cleanID(value, counts: &counts))
        case .date:
            if CivilDate(value) != nil { return .success(value) }
            guard let date = DatePattern.date(value, patterns: formats) else {
                return .failure(Problem(reason: "'\(value)' is not a date in any of the formats \(formats.map(\.text).joined(separator: ", "))"))
            }
            counts.add(.dateReformatted)
            return .success(date.description)
        case .period:
            if Period(value) != nil { return .success(value) }
            guard let period = DatePattern.period(value, patterns: formats) else {
                return .failure(Problem(reason: "'\(value)' is not a month in any of the formats \(formats.map(\.text).joined(separator: ", "))"))
            }
            counts.add(.dateReformatted)
            return .success(period.description)
        case .money:
            return cleanMoney(value, counts: &counts)
        case .region:
            if value.utf8.count == 6, value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return .success(value) }
            guard let region else {
                return .failure(Problem(reason: "'\(value)' is not a six-digit region code; add `lookup: region_name` to the spec if the export gives names"))
            }
            switch region.resolve(value) {
            case .success(let code):
                counts.add(.regionNameToCode)
                return .success(code)
            case .failure(.unknown):
                return .failure(Problem(reason: "no region is named '\(value)'\(region.within.map { " within \($0)" } ?? "")"))
            case .failure(.ambiguous(let regions)):
                return .failure(Problem(reason: "region name '\(value)' is ambiguous (\(regions.prefix(4).map { "\($0.code) \($0.name)" }.joined(separator: ", "))); add `within:` to the spec"))
            }
        case .code, .bool:
            guard let vocabulary else { return .success(value) }
            if let code = vocabulary.codeBySpelling[value] ?? vocabulary.codeBySpelling[value.lowercased()] {
                if code != value { counts.add(.codeMapped) }
                return .success(code)
            }
            return .failure(Problem(reason: "'\(value)' is not one of \(vocabulary.codes.joined(separator: ", ")) (or their Chinese labels); map it with `map:` in the spec"))
        }
    }

    /// Upper-cases `x` and upgrades 15 digits to 18; a number that is wrong in other ways is left
    /// for the record's validation to reject with its reason.
    private func cleanID(_ value: String, counts: inout CleaningCounts) -> String {
        if IDNumber.isCanonicalShape(value) { return value }
        guard let id = try? IDNumber(value, today: CivilDate(year: 9999, month: 12, day: 31)!) else { return value }
        if id.wasUpgraded {
            counts.add(.id15To18)
        } else if value.utf8.last == UInt8(ascii: "x") {
            counts.add(.idUppercaseX)
        }
        return id.value
    }

    private func cleanMoney(_ value: String, counts: inout CleaningCounts) -> Result<String, Problem> {
        switch unit {
        case .yuan:
            do {
                let money = try Money(yuanText: value)
                counts.add(.moneyToFen)
                return .success(String(money.fen))
            } catch {
                return .failure(Problem(reason: error.description))
            }
        case .fen:
            // Written back from the integer, so `+300` and `0300` become the canonical `300`.
            if let fen = Int64(value) { return .success(String(fen)) }
            let stripped = value.filter { $0 != "," && $0 != " " && $0 != "分" }
            guard let fen = Int64(stripped) else {
                return .failure(Problem(reason: "'\(value)' is not an amount in whole fen; give `unit: yuan` if the export writes yuan"))
            }
            counts.add(.moneyToFen)
            return .success(String(fen))
        }
    }
}
