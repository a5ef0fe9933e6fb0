/// 待遇资格认证: a pensioner verified alive on a date.
public struct QualificationCheck: CanonicalRecord {
    public static let kind = RecordKind.qualificationCheck
    public static let fields = [
        FieldSpec("id_number", "身份证号码", .idNumber), FieldSpec("check_date", "认证日期", .date), FieldSpec("method", "认证方式", .code),
    ]

    public var idNumber: IDNumber
    public var checkDate: CivilDate
    public var method: VerificationMethod

    public init(idNumber: IDNumber, checkDate: CivilDate, method: VerificationMethod) {
        self.idNumber = idNumber
        self.checkDate = checkDate
        self.method = method
    }

    public init(row: CanonicalRow) throws(FieldError) {
        self.init(
            idNumber: try row.requiredIDNumber("id_number"), checkDate: try row.requiredDate("check_date"),
            method: try row.requiredCode("method"))
    }

    public var fieldValues: [String] { [idNumber.canonicalText, checkDate.canonicalText, method.canonicalText] }

    public var subjectID: IDNumber? { idNumber }
}
