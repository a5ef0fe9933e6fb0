/// 缴费: one month's contribution for one person to one scheme.
public struct Contribution: CanonicalRecord {
    public static let kind = RecordKind.contribution
    public static let fields = [
        FieldSpec("id_number", "身份证号码", .idNumber), FieldSpec("insurance", "险种", .code), FieldSpec("period", "费款所属期", .period),
        FieldSpec("amount", "缴费金额（分）", .money), FieldSpec("base", "缴费基数（分）", .money, required: false),
        FieldSpec("employer_id", "单位编号", required: false), FieldSpec("paid_date", "缴费日期", .date, required: false),
        FieldSpec("back_payment", "是否补缴", .bool, required: false),
    ]

    public var idNumber: IDNumber
    public var insurance: Insurance
    public var period: Period
    public var amount: Money
    public var base: Money?
    public var employerID: String?
    public var paidDate: CivilDate?
    /// 补缴: paid after its period, often years later.
    public var backPayment: Bool

    public init(
        idNumber: IDNumber, insurance: Insurance, period: Period, amount: Money, base: Money? = nil,
        employerID: String? = nil, paidDate: CivilDate? = nil, backPayment: Bool = false
    ) {
        self.idNumber = idNumber
        self.insurance = insurance
        self.period = period
        self.amount = amount
        self.base = base
        self.employerID = employerID
        self.paidDate = paidDate
        self.backPayment = backPayment
    }

    public init(row: CanonicalRow) throws(FieldError) {
        self.init(
            idNumber: try row.requiredIDNumber("id_number"), insurance: try row.requiredCode("insurance"),
            period: try row.requiredPeriod("period"), amount: try row.requiredMoney("amount"), base: try row.money("base"),
            employerID: row.text("employer_id"), paidDate: try row.date("paid_date"),
            backPayment: try row.bool("back_payment") ?? false)
    }

    public var fieldValues: [String] {
        [
            idNumber.canonicalText, insurance.canonicalText, period.canonicalText, amount.canonicalText,
            base.canonicalText, employerID.canonicalText, paidDate.canonicalText, backPayment.canonicalText,
        ]
    }

    public var subjectID: IDNumber? { idNumber }
}
