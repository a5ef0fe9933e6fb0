/// 就业与纳税: a month of employment income as the tax bureau knows it.
public struct EmploymentRecord: CanonicalRecord {
    public static let kind = RecordKind.employmentRecord
    public static let fields = [
        FieldSpec("id_number", "身份证号码", .idNumber), FieldSpec("employer_id", "扣缴单位"), FieldSpec("period", "所属期", .period),
        FieldSpec("income", "收入（分）", .money, required: false),
    ]

    public var idNumber: IDNumber
    public var employerID: String
    public var period: Period
    public var income: Money?

    public init(idNumber: IDNumber, employerID: String, period: Period, income: Money? = nil) {
        self.idNumber = idNumber
        self.employerID = employerID
        self.period = period
        self.income = income
    }

    public init(row: CanonicalRow) throws(FieldError) {
        self.init(
            idNumber: try row.requiredIDNumber("id_number"), employerID: try row.required("employer_id"),
            period: try row.requiredPeriod("period"), income: try row.money("income"))
    }

    public var fieldValues: [String] { [idNumber.canonicalText, employerID, period.canonicalText, income.canonicalText] }

    public var subjectID: IDNumber? { idNumber }
}
