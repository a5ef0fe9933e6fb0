/// A cleaning step that changed a value; the quality report counts each.
public enum CleaningStep: String, CaseIterable, Hashable, Sendable, Codable {
    /// Leading or trailing white space (incl. the ideographic space) removed.
    case trim
    /// Full-width letters, digits and punctuation turned half-width.
    case fullWidth = "full_width"
    /// Traditional characters of a name or address folded to Simplified.
    case traditionalToSimplified = "traditional_to_simplified"
    /// An ID number's lower-case check character `x` written `X`.
    case idUppercaseX = "id_uppercase_x"
    /// An old 15-digit ID number upgraded to 18 digits.
    case id15To18 = "id_15_to_18"
    /// Spaces removed from a Chinese name, its middle dot variants written `·`.
    case nameNormalised = "name_normalised"
    /// A date or month rewritten as `YYYY-MM-DD` / `YYYY-MM` from another format.
    case dateReformatted = "date_reformatted"
    /// An amount in yuan turned into integer fen (or separators dropped from fen).
    case moneyToFen = "money_to_fen"
    /// A region name turned into its six-digit code.
    case regionNameToCode = "region_name_to_code"
    /// An export's spelling of a code (男, 是, a spec `map`) turned into the canonical code.
    case codeMapped = "code_mapped"

    /// The Chinese label for reports.
    public var chinese: String {
        switch self {
        case .trim: "去除首尾空白"
        case .fullWidth: "全角转半角"
        case .traditionalToSimplified: "繁体转简体"
        case .idUppercaseX: "身份证校验位x转大写"
        case .id15To18: "身份证15位升18位"
        case .nameNormalised: "姓名规范化"
        case .dateReformatted: "日期格式转换"
        case .moneyToFen: "金额转换为分"
        case .regionNameToCode: "地区名称转代码"
        case .codeMapped: "代码值映射"
        }
    }
}

/// How many values each cleaning step changed.
public struct CleaningCounts: Sendable, Hashable {
    private var counts = [Int](repeating: 0, count: CleaningStep.allCases.count)

    public init() {}

    /// The number of values `step` changed.
    public subscript(step: CleaningStep) -> Int { counts[CleaningStep.index(of: step)] }

    mutating func add(_ step: CleaningStep, _ n: Int = 1) { counts[CleaningStep.index(of: step)] += n }

    /// Adds another tally (a chunk of rows counted apart).
    public mutating func merge(_ other: CleaningCounts) {
        for i in counts.indices { counts[i] += other.counts[i] }
    }

    /// The steps that changed anything, with their counts, in step order.
    public var nonZero: [(step: CleaningStep, count: Int)] {
        CleaningStep.allCases.compactMap { self[$0] > 0 ? ($0, self[$0]) : nil }
    }
}

extension CleaningStep {
    fileprivate static func index(of step: CleaningStep) -> Int {
        switch step {
        case .trim: 0
        case .fullWidth: 1
        case .traditionalToSimplified: 2
        case .idUppercaseX: 3
        case .id15To18: 4
        case .nameNormalised: 5
        case .dateReformatted: 6
        case .moneyToFen: 7
        case .regionNameToCode: 8
        case .codeMapped: 9
        }
    }
}
