public import FundWatchCore

/// One department feed's mapping onto a canonical record type, as a YAML spec file gives it:
///
/// ```yaml
/// source: civil_affairs_deaths      # feed name, unique
/// department: civil_affairs
/// record: death_record
/// format: csv                       # csv | xlsx | jsonl
/// encoding: auto                    # auto | utf-8 | gb18030
/// columns:
///   id_number: 身份证号码
///   death_date: { column: 死亡日期, formats: ["yyyy年M月d日", "excel_serial"] }
///   source: { value: civil_affairs }
/// ```
public struct MappingSpec: Sendable, Hashable {
    /// The feed name, unique among specs; `--specs DIR` matches export files by it.
    public var source: String
    public var department: Department
    /// The canonical record type the feed fills.
    public var record: RecordKind
    public var format: SourceFormat
    public var encoding: EncodingChoice
    /// The CSV field separator (one ASCII character).
    public var delimiter: UInt8
    /// The XLSX sheet to read (nil: the first).
    public var sheet: String?
    /// The 1-based row that holds the header (rows above it are titles and are skipped).
    public var headerRow: Int
    /// The spec's own version, recorded with every batch it imports.
    public var version: Int
    /// The share of rejected rows above which a file is refused whole (0.05 = 5 %).
    public var maxRejectRate: Double?
    /// The mapped fields, in the order the spec lists them.
    public var columns: [FieldMapping]

    public init(
        source: String, department: Department, record: RecordKind, format: SourceFormat = .csv,
        encoding: EncodingChoice = .auto, delimiter: UInt8 = UInt8(ascii: ","), sheet: String? = nil, headerRow: Int = 1,
        version: Int = 1, maxRejectRate: Double? = nil, columns: [FieldMapping]
    ) {
        self.source = source
        self.department = department
        self.record = record
        self.format = format
        self.encoding = encoding
        self.delimiter = delimiter
        self.sheet = sheet
        self.headerRow = headerRow
        self.version = version
        self.maxRejectRate = maxRejectRate
        self.columns = columns
    }

    /// The mapping of a canonical field, if the spec maps it.
    public func mapping(of field: String) -> FieldMapping? { columns.first { $0.field.name == field } }
}
