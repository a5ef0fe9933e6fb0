public import FundWatchCore

/// How one canonical field is filled from a department's export.
public struct FieldMapping: Sendable, Hashable {
    /// Where the value comes from.
    public enum Source: Sendable, Hashable {
        /// A column of the export, by its header text.
        case column(String)
        /// The same value on every row (`{ value: civil_affairs }`).
        case constant(String)
    }

    /// The canonical field filled.
    public var field: FieldSpec
    public var source: Source
    /// Date or month patterns tried in order (`yyyy年M月d日`, `yyyyMMdd`, `excel_serial`, …).
    public var formats: [DatePattern]
    /// The unit of a money column.
    public var unit: MoneyUnit
    /// How a region column is turned into a six-digit code.
    public var lookup: RegionLookup?
    /// Explicit translations of source values into canonical codes (`{男: male, 女: female}`).
    public var valueMap: [String: String]
    /// Whether Traditional characters are folded to Simplified (default: names and addresses).
    public var simplify: Bool
    /// The spec line of this mapping, for errors found once the export's header is known.
    public var specLine: Int?
    /// For a region field read from codes: the export's column that names the same region
    /// (`name_column: 所属区县`), checked against the code in the quality report.
    public var nameColumn: String?

    public init(
        field: FieldSpec, source: Source, formats: [DatePattern] = [], unit: MoneyUnit = .fen, lookup: RegionLookup? = nil,
        valueMap: [String: String] = [:], simplify: Bool? = nil, specLine: Int? = nil, nameColumn: String? = nil
    ) {
        self.field = field
        self.source = source
        self.formats = formats
        self.unit = unit
        self.lookup = lookup
        self.valueMap = valueMap
        self.simplify = simplify ?? FieldMapping.simplifiedByDefault.contains(field.name)
        self.specLine = specLine
        self.nameColumn = nameColumn
    }

    /// Fields whose Traditional characters are folded unless the spec says otherwise: people's
    /// and places' names, where 張 and 张 are the same person.
    static let simplifiedByDefault: Set<String> = ["name", "address", "court"]

    /// The header text of a column source, nil for a constant.
    public var columnName: String? {
        if case .column(let name) = source { return name }
        return nil
    }
}

/// The unit of an amount in an export.
public enum MoneyUnit: String, CaseIterable, Hashable, Sendable {
    /// Yuan with up to two decimals, as people write it (`1,234.50`, `¥12`): converted to fen.
    case yuan
    /// Already integer fen.
    case fen
}

/// How a region column is read.
public struct RegionLookup: Sendable, Hashable {
    /// Only regions inside this code are candidates (a county's export names its own towns).
    public var within: String?

    public init(within: String? = nil) { self.within = within }
}
