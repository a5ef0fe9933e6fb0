/// 待遇发放: one benefit payment to one person for one month.
public struct BenefitPayment: CanonicalRecord {
    public static let kind = RecordKind.benefitPayment
    public static let fields = [
        FieldSpec("payment_id", "发放流水号"), FieldSpec("id_number", "身份证号码", .idNumber), FieldSpec("benefit", "待遇类别", .code),
        FieldSpec("period", "待遇所属期", .period), FieldSpec("amount", "发放金额（分）", .money),
        FieldSpec("pay_date", "发放日期", .date, required: false), FieldSpec("bank_account", "银行账号", required: false),
        FieldSpec("region_code", "发放地", .region, required: false), FieldSpec("operator_id", "经办人", required: false),
    ]

    public var paymentID: String
    public var idNumber: IDNumber
    public var benefit: Benefit
    public var period: Period
    public var amount: Money
    public var payDate: CivilDate?
    public var bankAccount: String?
    public var regionCode: String?
    public var operatorID: String?

    public init(
        paymentID: String, idNumber: IDNumber, benefit: Benefit, period: Period, amount: Money,
        payDate: CivilDate? = nil, bankAccount: String? = nil, regionCode: String? = nil, operatorID: String? = nil
    ) {
        self.paymentID = paymentID
        self.idNumber = idNumber
        self.benefit = benefit
        self.period = period
        self.amount = amount
        self.payDate = payDate
        self.bankAccount = bankAccount
        self.regionCode = regionCode
        self.operatorID = operatorID
    }

    public init(row: CanonicalRow) throws(FieldError) {
        self.init(
            paymentID: try row.required("payment_id"), idNumber: try row.requiredIDNumber("id_number"),
            benefit: try row.requiredCode("benefit"), period: try row.requiredPeriod("period"),
            amount: try row.requiredMoney("amount"), payDate: try row.date("pay_date"),
            bankAccount: row.text("bank_account"), regionCode: try row.regionCode("region_code"),
            operatorID: row.text("operator_id"))
    }

    public var fieldValues: [String] {
        [
            paymentID, idNumber.canonicalText, benefit.canonicalText, period.canonicalText, amount.canonicalText,
            payDate.canonicalText, bankAccount.canonicalText, regionCode.canonicalText, operatorID.canonicalText,
        ]
    }

    public var subjectID: IDNumber? { idNumber }
}
