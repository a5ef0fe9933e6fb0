import Foundation
public import FundWatchCore
public import Ingestion

/// How one department hands over one feed: format, encoding, header row, date style. The
/// headers are the data standard's Chinese labels, amounts are in yuan, codes in Chinese.
public struct DepartmentFeed: Sendable, Hashable {
    /// How a date is written.
    public enum DateStyle: String, Sendable, Hashable {
        case chinese = "yyyy年M月d日"
        case compact = "yyyyMMdd"
        case slash = "yyyy/M/d"
        case dash = "yyyy-M-d"
        /// An XLSX date cell (a day serial with a date format).
        case excelDateCell = "excel_date_cell"
        /// A bare day serial, as exports that lost their cell format write it.
        case excelSerial = "excel_serial"
    }

    /// How a month is written.
    public enum PeriodStyle: String, Sendable, Hashable {
        case compact = "yyyyMM"
        case chinese = "yyyy年M月"
        case iso = "yyyy-MM"
    }

    public var source: String
    public var department: Department
    public var record: RecordKind
    public var format: SourceFormat
    public var encoding: TextEncoding
    public var delimiter: Character
    /// A title line above the header (报表标题), as many exports have.
    public var title: String?
    public var dateStyle: DateStyle
    public var periodStyle: PeriodStyle
    /// For a feed that carries only the records with this value of a field (deaths by
    /// registering department), the field and value; the spec gives it as a constant.
    public var only: (field: String, value: String)?

    public static func == (a: DepartmentFeed, b: DepartmentFeed) -> Bool { a.source == b.source }
    public func hash(into hasher: inout Hasher) { hasher.combine(source) }

    /// The file name of the export.
    public var fileName: String { source + "." + format.rawValue }

    /// The feeds of a simulated county: every record type, at least one XLSX, one GB18030 CSV
    /// and one JSON Lines feed, and deaths split by the department that registered them.
    public static let standard: [DepartmentFeed] = [
        .init(source: "public_security_persons", department: .publicSecurity, record: .person, format: .csv, encoding: .gb18030,
              title: "常住人口信息导出", dateStyle: .chinese),
        .init(source: "hrss_enrollments", department: .hrss, record: .enrollment, format: .xlsx, dateStyle: .excelDateCell),
        .init(source: "hrss_contributions", department: .hrss, record: .contribution, format: .csv, dateStyle: .slash, periodStyle: .compact),
        .init(source: "hrss_benefit_payments", department: .hrss, record: .benefitPayment, format: .jsonl, dateStyle: .dash, periodStyle: .iso),
        .init(source: "medical_insurance_settlements", department: .medicalInsurance, record: .medicalSettlement, format: .csv,
              encoding: .gb18030, dateStyle: .compact),
        .init(source: "hrss_injury_claims", department: .hrss, record: .injuryClaim, format: .csv, dateStyle: .chinese),
        .init(source: "civil_affairs_deaths", department: .civilAffairs, record: .deathRecord, format: .csv, encoding: .gb18030,
              dateStyle: .chinese, only: ("source", "civil_affairs")),
        .init(source: "public_security_deaths", department: .publicSecurity, record: .deathRecord, format: .xlsx,
              dateStyle: .excelSerial, only: ("source", "public_security")),
        .init(source: "health_deaths", department: .health, record: .deathRecord, format: .jsonl, dateStyle: .compact,
              only: ("source", "health")),
        .init(source: "court_custody", department: .court, record: .custodyRecord, format: .csv, delimiter: "\t", dateStyle: .slash),
        .init(source: "tax_employment", department: .tax, record: .employmentRecord, format: .csv, dateStyle: .slash, periodStyle: .chinese),
        .init(source: "bank_accounts", department: .bank, record: .bankAccount, format: .csv, dateStyle: .compact),
        .init(source: "hrss_institutions", department: .hrss, record: .institution, format: .xlsx, dateStyle: .excelDateCell),
        .init(source: "hrss_staff", department: .hrss, record: .staff, format: .csv, dateStyle: .dash),
        .init(source: "hrss_qualification_checks", department: .hrss, record: .qualificationCheck, format: .jsonl, dateStyle: .slash),
    ]

    public init(
        source: String, department: Department, record: RecordKind, format: SourceFormat, encoding: TextEncoding = .utf8,
        delimiter: Character = ",", title: String? = nil, dateStyle: DateStyle, periodStyle: PeriodStyle = .iso,
        only: (field: String, value: String)? = nil
    ) {
        self.source = source
        self.department = department
        self.record = record
        self.format = format
        self.encoding = encoding
        self.delimiter = delimiter
        self.title = title
        self.dateStyle = dateStyle
        self.periodStyle = periodStyle
        self.only = only
    }

    /// The fields the export carries (all of the record type's, but a constant `only` field).
    var fields: [FieldSpec] { record.recordType.fields.filter { $0.name != only?.field } }

    /// The export's header for a field: its Chinese label, amounts in yuan.
    static func header(_ field: FieldSpec) -> String {
        field.type == .money ? field.chinese.replacingOccurrences(of: "（分）", with: "（元）") : field.chinese
    }
}
