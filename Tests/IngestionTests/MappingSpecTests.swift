import FundWatchCore
import Ingestion
import Testing

@Suite struct MappingSpecTests {
    static let deathsYAML = """
        source: civil_affairs_deaths      # feed name, unique
        department: civil_affairs
        record: death_record
        format: csv
        encoding: auto
        delimiter: ","
        columns:
          id_number: 身份证号码
          name: 姓名
          death_date: { column: 死亡日期, formats: ["yyyy年M月d日", "yyyyMMdd", "yyyy/M/d", "excel_serial"] }
          source: { value: civil_affairs }
        """

    @Test func readsTheIssuesExample() throws {
        let spec = try MappingSpec(yaml: Self.deathsYAML)
        #expect(spec.source == "civil_affairs_deaths")
        #expect(spec.department == .civilAffairs)
        #expect(spec.record == .deathRecord)
        #expect(spec.encoding == .auto)
        #expect(spec.columns.map(\.field.name) == ["id_number", "name", "death_date", "source"])
        #expect(spec.mapping(of: "death_date")?.formats.map(\.text) == ["yyyy年M月d日", "yyyyMMdd", "yyyy/M/d", "excel_serial"])
        #expect(spec.mapping(of: "source")?.source == .constant("civil_affairs"))
        #expect(spec.mapping(of: "name")?.simplify == true)
        #expect(spec.mapping(of: "id_number")?.columnName == "身份证号码")
    }

    @Test func readsMoneyAndRegionOptions() throws {
        let spec = try MappingSpec(
            yaml: """
                source: hrss_pensions
                department: hrss
                record: benefit_payment
                version: 3
                max_reject_rate: 0.02
                columns:
                  payment_id: 流水号
                  id_number: 身份证号
                  benefit: { value: pension }
                  period: { column: 所属期, formats: ["yyyyMM"] }
                  amount: { column: 金额(元), unit: yuan }
                  region_code: { column: 所属区县, lookup: region_name, within: 德州市 }
                """)
        #expect(spec.version == 3)
        #expect(spec.maxRejectRate == 0.02)
        #expect(spec.mapping(of: "amount")?.unit == .yuan)
        #expect(spec.mapping(of: "region_code")?.lookup == RegionLookup(within: "371400"))
    }

    @Test(arguments: [
        // (yaml, line, column, words the reason must hold)
        ("source: a\ndepartment: hrss\nrecord: person\ndelimeter: \",\"\ncolumns:\n  id_number: x\n  name: y\n", 4, 1, "did you mean 'delimiter'"),
        ("source: a\ndepartment: police\nrecord: person\ncolumns:\n  id_number: x\n  name: y\n", 2, 13, "department 'police'"),
        ("source: a\ndepartment: hrss\nrecord: person\ncolumns:\n  id_numbr: x\n  name: y\n", 5, 3, "did you mean 'id_number'"),
        ("source: a\ndepartment: hrss\nrecord: person\ncolumns:\n  name: y\n", 5, 3, "required field 'id_number'"),
        ("source: a\ndepartment: hrss\nrecord: person\ncolumns:\n  id_number: x\n  name: { column: y, unit: yuan }\n", 6, 28, "unit applies to money"),
        ("source: a\ndepartment: hrss\nrecord: person\ncolumns:\n  id_number: x\n  name: y\n  birth_date: { column: z, formats: [\"yyyy-MM\"] }\n", 7, 38, "has no day"),
        ("source: a\ndepartment: hrss\nrecord: person\ncolumns:\n  id_number: x\n  name: y\n  birth_date: { column: z, formats: [\"yy-M-d\"] }\n", 7, 38, "yyyy"),
        ("source: a\ndepartment: civil_affairs\nrecord: death_record\ncolumns:\n  id_number: x\n  death_date: y\n  source: { value: hospital }\n", 7, 20, "value 'hospital'"),
        ("source: a\ndepartment: hrss\nrecord: person\ncolumns:\n  id_number: x\n  name: { colum: y }\n", 6, 11, "did you mean 'column'"),
        ("source: a\ndepartment: hrss\nrecord: person\nheader_row: 0\ncolumns:\n  id_number: x\n  name: y\n", 4, 13, "positive whole number"),
        ("source: a\ndepartment: hrss\nrecord: person\ncolumns: [id_number]\n", 4, 10, "columns must map"),
        ("source: [a\n", 2, 1, "not valid YAML"),
    ])
    func refusesWithPlace(yaml: String, line: Int, column: Int, words: String) {
        let error = #expect(throws: SpecError.self) { try MappingSpec(yaml: yaml, file: "bad.yaml") }
        #expect(error?.file == "bad.yaml")
        #expect(error?.line == line, "\(error?.description ?? "")")
        #expect(error?.column == column, "\(error?.description ?? "")")
        #expect(error?.reason.contains(words) == true, "\(error?.description ?? "")")
    }

    @Test func datePatternsReadTheListedStyles() throws {
        let patterns = try ["yyyy年M月d日", "yyyyMMdd", "yyyy/M/d", "excel_serial"].map { try DatePattern.parse($0).get() }
        for text in ["2023年5月7日", "20230507", "2023/5/7", "45053", "45053.75", "2023/05/07 08:30:00"] {
            #expect(DatePattern.date(text, patterns: patterns) == CivilDate(year: 2023, month: 5, day: 7), "\(text)")
        }
        for text in ["2023年13月7日", "2023/2/29", "5/7/2023", "60", "abc", "2023057", "20230507x"] {
            #expect(DatePattern.date(text, patterns: patterns) == nil, "\(text)")
        }
        // Excel's serials: 1 is 1900-01-01, 59 is 1900-02-28, 61 is 1900-03-01.
        let serial = try DatePattern.parse("excel_serial").get()
        #expect(DatePattern.date("1", patterns: [serial]) == CivilDate(year: 1900, month: 1, day: 1))
        #expect(DatePattern.date("59", patterns: [serial]) == CivilDate(year: 1900, month: 2, day: 28))
        #expect(DatePattern.date("61", patterns: [serial]) == CivilDate(year: 1900, month: 3, day: 1))
        #expect(DatePattern.period("202305", patterns: DatePattern.defaultPeriodPatterns) == Period(year: 2023, month: 5))
        #expect(DatePattern.period("2023年5月", patterns: DatePattern.defaultPeriodPatterns) == Period(year: 2023, month: 5))
    }
}
