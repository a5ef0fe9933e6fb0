/// A hospital, pharmacy or employer.
public struct Institution: CanonicalRecord {
    public static let kind = RecordKind.institution
    public static let fields = [
        FieldSpec("institution_id", "机构编号"), FieldSpec("name", "机构名称"), FieldSpec("kind", "机构类别", .code),
        FieldSpec("region_code", "所在地", .region, required: false),
    ]

    public var institutionID: String
    public var name: String
    public var kind: InstitutionKind
    public var regionCode: String?

    public init(institutionID: String, name: String, kind: InstitutionKind, regionCode: String? = nil) {
        self.institutionID = institutionID
        self.name = name
        self.kind = kind
        self.regionCode = regionCode
    }

    public init(row: CanonicalRow) throws(FieldError) {
        self.init(
            institutionID: try row.required("institution_id"), name: try row.required("name"),
            kind: try row.requiredCode("kind"), regionCode: try row.regionCode("region_code"))
    }

    public var fieldValues: [String] { [institutionID, name, kind.canonicalText, regionCode.canonicalText] }

    public var subjectID: IDNumber? { nil }
}
