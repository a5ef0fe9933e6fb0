/// 稽核人员: a member of the audit staff.
public struct Staff: CanonicalRecord {
    public static let kind = RecordKind.staff
    public static let fields = [
        FieldSpec("staff_id", "工号"), FieldSpec("name", "姓名"), FieldSpec("region_code", "所属地区", .region),
        FieldSpec("role", "岗位", required: false), FieldSpec("hired_date", "入职日期", .date, required: false),
        FieldSpec("education", "学历", required: false), FieldSpec("specialty", "专业方向", required: false),
    ]

    public var staffID: String
    public var name: String
    public var regionCode: String
    public var role: String?
    public var hiredDate: CivilDate?
    public var education: String?
    public var specialty: String?

    public init(
        staffID: String, name: String, regionCode: String, role: String? = nil, hiredDate: CivilDate? = nil,
        education: String? = nil, specialty: String? = nil
    ) {
        self.staffID = staffID
        self.name = name
        self.regionCode = regionCode
        self.role = role
        self.hiredDate = hiredDate
        self.education = education
        self.specialty = specialty
    }

    public init(row: CanonicalRow) throws(FieldError) {
        self.init(
            staffID: try row.required("staff_id"), name: try row.required("name"),
            regionCode: try row.requiredRegionCode("region_code"), role: row.text("role"),
            hiredDate: try row.date("hired_date"), education: row.text("education"), specialty: row.text("specialty"))
    }

    public var fieldValues: [String] {
        [
            staffID, name, regionCode, role.canonicalText, hiredDate.canonicalText, education.canonicalText,
            specialty.canonicalText,
        ]
    }

    public var subjectID: IDNumber? { nil }
}
