/// 死亡登记: a death as civil affairs, public security or health registered it.
public struct DeathRecord: CanonicalRecord {
    public static let kind = RecordKind.deathRecord
    public static let fields = [
        FieldSpec("id_number", "身份证号码", .idNumber), FieldSpec("death_date", "死亡日期", .date), FieldSpec("source", "登记部门", .code),
        FieldSpec("name", "姓名", required: false), FieldSpec("recorded_date", "登记日期", .date, required: false),
    ]

    public var idNumber: IDNumber
    public var deathDate: CivilDate
    public var source: DeathSource
    public var name: String?
    public var recordedDate: CivilDate?

    public init(idNumber: IDNumber, deathDate: CivilDate, source: DeathSource, name: String? = nil, recordedDate: CivilDate? = nil) {
        self.idNumber = idNumber
        self.deathDate = deathDate
        self.source = source
        self.name = name
        self.recordedDate = recordedDate
    }

    public init(row: CanonicalRow) throws(FieldError) {
        self.init(
            idNumber: try row.requiredIDNumber("id_number"), deathDate: try row.requiredDate("death_date"),
            source: try row.requiredCode("source"), name: row.text("name"), recordedDate: try row.date("recorded_date"))
        if deathDate > row.today {
            throw FieldError(field: "death_date", value: deathDate.description, problem: .invalid("lies in the future"))
        }
    }

    public var fieldValues: [String] {
        [idNumber.canonicalText, deathDate.canonicalText, source.canonicalText, name.canonicalText, recordedDate.canonicalText]
    }

    public var subjectID: IDNumber? { idNumber }
}
