/// 工伤: a work-injury claim.
public struct InjuryClaim: CanonicalRecord {
    public static let kind = RecordKind.injuryClaim
    public static let fields = [
        FieldSpec("claim_id", "工伤认定编号"), FieldSpec("id_number", "身份证号码", .idNumber), FieldSpec("employer_id", "单位编号"),
        FieldSpec("injury_date", "受伤日期", .date), FieldSpec("claim_date", "申报日期", .date),
        FieldSpec("amount", "待遇金额（分）", .money, required: false), FieldSpec("region_code", "参保地", .region, required: false),
    ]

    public var claimID: String
    public var idNumber: IDNumber
    public var employerID: String
    public var injuryDate: CivilDate
    public var claimDate: CivilDate
    public var amount: Money?
    public var regionCode: String?

    public init(
        claimID: String, idNumber: IDNumber, employerID: String, injuryDate: CivilDate, claimDate: CivilDate,
        amount: Money? = nil, regionCode: String? = nil
    ) {
        self.claimID = claimID
        self.idNumber = idNumber
        self.employerID = employerID
        self.injuryDate = injuryDate
        self.claimDate = claimDate
        self.amount = amount
        self.regionCode = regionCode
    }

    public init(row: CanonicalRow) throws(FieldError) {
        self.init(
            claimID: try row.required("claim_id"), idNumber: try row.requiredIDNumber("id_number"),
            employerID: try row.required("employer_id"), injuryDate: try row.requiredDate("injury_date"),
            claimDate: try row.requiredDate("claim_date"), amount: try row.money("amount"),
            regionCode: try row.regionCode("region_code"))
    }

    public var fieldValues: [String] {
        [
            claimID, idNumber.canonicalText, employerID, injuryDate.canonicalText, claimDate.canonicalText,
            amount.canonicalText, regionCode.canonicalText,
        ]
    }

    public var subjectID: IDNumber? { idNumber }
}
