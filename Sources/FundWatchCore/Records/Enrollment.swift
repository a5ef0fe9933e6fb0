/// 参保登记: a person's enrollment in one insurance scheme, open while `endDate` is nil.
public struct Enrollment: CanonicalRecord {
    public static let kind = RecordKind.enrollment
    public static let fields = [
        FieldSpec("id_number", "身份证号码", .idNumber), FieldSpec("insurance", "险种", .code), FieldSpec("region_code", "参保地", .region),
        FieldSpec("start_date", "参保日期", .date), FieldSpec("employer_id", "单位编号", required: false),
        FieldSpec("end_date", "终止日期", .date, required: false),
    ]

    public var idNumber: IDNumber
    public var insurance: Insurance
    public var regionCode: String
    public var startDate: CivilDate
    public var employerID: String?
    public var endDate: CivilDate?

    public init(
        idNumber: IDNumber, insurance: Insurance, regionCode: String, startDate: CivilDate, employerID: String? = nil,
        endDate: CivilDate? = nil
    ) {
        self.idNumber = idNumber
        self.insurance = insurance
        self.regionCode = regionCode
        self.startDate = startDate
        self.employerID = employerID
        self.endDate = endDate
    }

    public init(row: CanonicalRow) throws(FieldError) {
        self.init(
            idNumber: try row.requiredIDNumber("id_number"), insurance: try row.requiredCode("insurance"),
            regionCode: try row.requiredRegionCode("region_code"), startDate: try row.requiredDate("start_date"),
            employerID: row.text("employer_id"), endDate: try row.date("end_date"))
        if let end = endDate, end < startDate {
            throw FieldError(field: "end_date", value: end.description, problem: .invalid("ends before start_date \(startDate)"))
        }
    }

    public var fieldValues: [String] {
        [
            idNumber.canonicalText, insurance.canonicalText, regionCode, startDate.canonicalText,
            employerID.canonicalText, endDate.canonicalText,
        ]
    }

    public var subjectID: IDNumber? { idNumber }

    /// Whether the enrollment covers `date`.
    public func covers(_ date: CivilDate) -> Bool { startDate <= date && (endDate.map { date <= $0 } ?? true) }
}
