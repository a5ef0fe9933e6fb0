/// 人员基本信息: a person as HRSS and public security register them.
public struct Person: CanonicalRecord {
    public static let kind = RecordKind.person
    public static let fields = [
        FieldSpec("id_number", "身份证号码", .idNumber), FieldSpec("name", "姓名"),
        FieldSpec("sex", "性别", .code, required: false), FieldSpec("birth_date", "出生日期", .date, required: false),
        FieldSpec("region_code", "行政区划", .region, required: false), FieldSpec("address", "住址", required: false),
        FieldSpec("phone", "联系电话", required: false),
    ]

    public var idNumber: IDNumber
    public var name: String
    public var sex: Sex?
    public var birthDate: CivilDate?
    public var regionCode: String?
    public var address: String?
    public var phone: String?

    public init(
        idNumber: IDNumber, name: String, sex: Sex? = nil, birthDate: CivilDate? = nil, regionCode: String? = nil,
        address: String? = nil, phone: String? = nil
    ) {
        self.idNumber = idNumber
        self.name = name
        self.sex = sex
        self.birthDate = birthDate
        self.regionCode = regionCode
        self.address = address
        self.phone = phone
    }

    public init(row: CanonicalRow) throws(FieldError) {
        self.init(
            idNumber: try row.requiredIDNumber("id_number"), name: try row.required("name"), sex: try row.code("sex"),
            birthDate: try row.date("birth_date"), regionCode: try row.regionCode("region_code"),
            address: row.text("address"), phone: row.text("phone"))
    }

    public var fieldValues: [String] {
        [
            idNumber.canonicalText, name, sex.canonicalText, birthDate.canonicalText, regionCode.canonicalText,
            address.canonicalText, phone.canonicalText,
        ]
    }

    public var subjectID: IDNumber? { idNumber }
}
