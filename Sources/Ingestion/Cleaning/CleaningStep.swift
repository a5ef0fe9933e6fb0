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
    // One stored count per step rather than an array: the row loop counts a few steps per row,
    // and an array's every write checks that its storage is not shared.
    private var trim = 0
    private var fullWidth = 0
    private var traditionalToSimplified = 0
    private var idUppercaseX = 0
    private var id15To18 = 0
    private var nameNormalised = 0
    private var dateReformatted = 0
    private var moneyToFen = 0
    private var regionNameToCode = 0
    private var codeMapped = 0

    public init() {}

    /// The number of values `step` changed.
    public internal(set) subscript(step: CleaningStep) -> Int {
        get {
            switch step {
            case .trim: trim
            case .fullWidth: fullWidth
            case .traditionalToSimplified: traditionalToSimplified
            case .idUppercaseX: idUppercaseX
            case .id15To18: id15To18
            case .nameNormalised: nameNormalised
            case .dateReformatted: dateReformatted
            case .moneyToFen: moneyToFen
            case .regionNameToCode: regionNameToCode
            case .codeMapped: codeMapped
            }
        }
        set {
            switch step {
            case .trim: trim = newValue
            case .fullWidth: fullWidth = newValue
            case .traditionalToSimplified: traditionalToSimplified = newValue
            case .idUppercaseX: idUppercaseX = newValue
            case .id15To18: id15To18 = newValue
            case .nameNormalised: nameNormalised = newValue
            case .dateReformatted: dateReformatted = newValue
            case .moneyToFen: moneyToFen = newValue
            case .regionNameToCode: regionNameToCode = newValue
            case .codeMapped: codeMapped = newValue
            }
        }
    }

    mutating func add(_ step: CleaningStep, _ n: Int = 1) { self[step] += n }

    /// Adds another tally (a chunk of rows counted apart).
    public mutating func merge(_ other: CleaningCounts) {
        for step in CleaningStep.allCases { self[step] += other[step] }
    }

    /// The counts packed two bits a step (step k at bit 2k, in `allCases` order), each at most 3:
    /// what cleaning one value counts, kept in a word to be counted again (`add(packed:)`).
    var packed: UInt32 {
        var bits: UInt32 = 0
        for (k, step) in CleaningStep.allCases.enumerated() { bits |= UInt32(min(self[step], 3)) << UInt32(2 * k) }
        return bits
    }

    /// Adds the counts of `packed`.
    mutating func add(packed: UInt32) {
        var bits = packed
        while bits != 0 {
            let k = bits.trailingZeroBitCount / 2
            self[CleaningStep.step(at: k)] += Int((bits >> UInt32(2 * k)) & 3)
            bits &= ~(3 << UInt32(2 * k))
        }
    }

    /// The steps that changed anything, with their counts, in step order.
    public var nonZero: [(step: CleaningStep, count: Int)] {
        CleaningStep.allCases.compactMap { self[$0] > 0 ? ($0, self[$0]) : nil }
    }
}

extension CleaningStep {
    /// The `k`th step of `allCases` (without building that array).
    static func step(at k: Int) -> CleaningStep {
        switch k {
        case 0: .trim
        case 1: .fullWidth
        case 2: .traditionalToSimplified
        case 3: .idUppercaseX
        case 4: .id15To18
        case 5: .nameNormalised
        case 6: .dateReformatted
        case 7: .moneyToFen
        case 8: .regionNameToCode
        default: .codeMapped
        }
    }

    /// One count of this step, packed as `CleaningCounts.packed` packs it.
    var packedOne: UInt32 {
        switch self {
        case .trim: 1 << 0
        case .fullWidth: 1 << 2
        case .traditionalToSimplified: 1 << 4
        case .idUppercaseX: 1 << 6
        case .id15To18: 1 << 8
        case .nameNormalised: 1 << 10
        case .dateReformatted: 1 << 12
        case .moneyToFen: 1 << 14
        case .regionNameToCode: 1 << 16
        case .codeMapped: 1 << 18
        }
    }
}
