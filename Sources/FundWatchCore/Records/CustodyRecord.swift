/// 服刑/羁押: a period in custody, open while `endDate` is nil.
public struct CustodyRecord: CanonicalRecord {
    public static let kind = RecordKind.custodyRecord
    public static let fields = [
        FieldSpec("id_number", "身份证号码", .idNumber), FieldSpec("start_date", "起始日期", .date), FieldSpec("kind", "类别", .code),
        FieldSpec("end_date", "截止日期", .date, required: false), FieldSpec("court", "判决法院", required: false),
    ]

    public var idNumber: IDNumber
    public var startDate: CivilDate
    public var kind: CustodyKind
    public var endDate: CivilDate?
    public var court: String?

    public init(idNumber: IDNumber, startDate: CivilDate, kind: CustodyKind, endDate: CivilDate? = nil, court: String? = nil) {
        self.idNumber = idNumber
        self.startDate = startDate
        self.kind = kind
        self.endDate = endDate
        self.court = court
    }

    public init(row: CanonicalRow) throws(FieldError) {
        self.init(
            idNumber: try row.requiredIDNumber("id_number"), startDate: try row.requiredDate("start_date"),
            kind: try row.requiredCode("kind"), endDate: try row.date("end_date"), court: row.text("court"))
        if let end = endDate, end < startDate {
            throw FieldError(field: "end_date", value: end.description, problem: .invalid("ends before start_date \(startDate)"))
        }
    }

    public var fieldValues: [String] {
        [idNumber.canonicalText, startDate.canonicalText, kind.canonicalText, endDate.canonicalText, court.canonicalText]
    }

    public var subjectID: IDNumber? { idNumber }

    /// Whether the person was in custody on `date`.
    public func covers(_ date: CivilDate) -> Bool { startDate <= date && (endDate.map { date <= $0 } ?? true) }
}
