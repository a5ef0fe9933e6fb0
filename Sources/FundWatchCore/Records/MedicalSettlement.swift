/// 医疗结算: one settled outpatient visit or inpatient stay.
public struct MedicalSettlement: CanonicalRecord {
    public static let kind = RecordKind.medicalSettlement
    public static let fields = [
        FieldSpec("settlement_id", "结算流水号"), FieldSpec("id_number", "身份证号码", .idNumber),
        FieldSpec("institution_id", "定点机构编号"), FieldSpec("visit", "就诊类型", .code),
        FieldSpec("admission_date", "入院/就诊日期", .date), FieldSpec("total_amount", "医疗总费用（分）", .money),
        FieldSpec("fund_amount", "统筹基金支付（分）", .money), FieldSpec("discharge_date", "出院日期", .date, required: false),
        FieldSpec("diagnosis", "诊断（ICD-10）", required: false), FieldSpec("region_code", "就医地", .region, required: false),
        FieldSpec("off_site", "异地就医", .bool, required: false),
    ]

    public var settlementID: String
    public var idNumber: IDNumber
    public var institutionID: String
    public var visit: VisitKind
    public var admissionDate: CivilDate
    public var totalAmount: Money
    public var fundAmount: Money
    public var dischargeDate: CivilDate?
    public var diagnosis: String?
    public var regionCode: String?
    public var offSite: Bool

    public init(
        settlementID: String, idNumber: IDNumber, institutionID: String, visit: VisitKind, admissionDate: CivilDate,
        totalAmount: Money, fundAmount: Money, dischargeDate: CivilDate? = nil, diagnosis: String? = nil,
        regionCode: String? = nil, offSite: Bool = false
    ) {
        self.settlementID = settlementID
        self.idNumber = idNumber
        self.institutionID = institutionID
        self.visit = visit
        self.admissionDate = admissionDate
        self.totalAmount = totalAmount
        self.fundAmount = fundAmount
        self.dischargeDate = dischargeDate
        self.diagnosis = diagnosis
        self.regionCode = regionCode
        self.offSite = offSite
    }

    public init(row: CanonicalRow) throws(FieldError) {
        self.init(
            settlementID: try row.required("settlement_id"), idNumber: try row.requiredIDNumber("id_number"),
            institutionID: try row.required("institution_id"), visit: try row.requiredCode("visit"),
            admissionDate: try row.requiredDate("admission_date"), totalAmount: try row.requiredMoney("total_amount"),
            fundAmount: try row.requiredMoney("fund_amount"), dischargeDate: try row.date("discharge_date"),
            diagnosis: row.text("diagnosis"), regionCode: try row.regionCode("region_code"),
            offSite: try row.bool("off_site") ?? false)
        if let d = dischargeDate, d < admissionDate {
            throw FieldError(field: "discharge_date", value: d.description, problem: .invalid("before admission_date \(admissionDate)"))
        }
        if fundAmount > totalAmount {
            throw FieldError(field: "fund_amount", value: fundAmount.canonicalText, problem: .invalid("larger than total_amount"))
        }
    }

    public var fieldValues: [String] {
        [
            settlementID, idNumber.canonicalText, institutionID, visit.canonicalText, admissionDate.canonicalText,
            totalAmount.canonicalText, fundAmount.canonicalText, dischargeDate.canonicalText,
            diagnosis.canonicalText, regionCode.canonicalText, offSite.canonicalText,
        ]
    }

    public var subjectID: IDNumber? { idNumber }
}
