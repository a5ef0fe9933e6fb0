import Foundation
import FundWatchCore
import Ingestion
import Testing

/// `name_column`: rows whose region name and region code disagree are counted in the quality
/// report (and stay accepted), in every reader and however the rows are cut into chunks.
@Suite struct RegionNameCheckTests {
    static let today = CivilDate(year: 2026, month: 11, day: 25)!
    static let yaml = """
        source: public_security_persons
        department: public_security
        record: person
        columns:
          id_number: 身份证号码
          name: 姓名
          region_code: { column: 行政区划代码, name_column: 所属区县 }
        """

    @Test func countsRowsWhoseRegionNameAndCodeDisagree() throws {
        let csv = """
            身份证号码,姓名,行政区划代码,所属区县
            371482195803071237,张三,371482,禹城市
            371482195803071237,李四,371482,禹城
            371482195803071237,王五,371482,德州市
            371482195803071237,赵六,371482,
            371482195803071237,钱七,371400,德州市
            371482195803071237,孙八,371402,山东省德州市禹城市

            """
        var reader = try ExportReader(
            spec: try MappingSpec(yaml: Self.yaml), source: MemoryByteSource(Array(csv.utf8)), file: "persons.csv", today: Self.today)
        var tally = QualityAccumulator(
            mapping: reader.mapping, feed: "public_security_persons", specVersion: 1, sha256: "", encoding: nil, maxRejectRate: 0.05)
        while try reader.next(quality: &tally) != nil {}
        let report = tally.report
        #expect(report.accepted == 6)
        let check = try #require(report.consistency?.first { $0.check == "region_name_vs_code" })
        // The empty name is not compared; 德州市 is not 禹城市 (line 4), nor is 禹城市 德城区 (line 7).
        #expect(check.checked == 5)
        #expect(check.mismatched == 2)
        #expect(check.exampleLines == [4, 7])
    }

    @Test func aMissingNameColumnIsNamed() throws {
        let csv = "身份证号码,姓名,行政区划代码\n371482195803071237,张三,371482\n"
        let error = #expect(throws: IngestError.self) {
            try ExportReader(
                spec: try MappingSpec(yaml: Self.yaml), source: MemoryByteSource(Array(csv.utf8)), file: "persons.csv", today: Self.today)
        }
        #expect(error?.column == "所属区县")
    }

    @Test func onlyRegionFieldsReadFromColumnsTakeANameColumn() {
        let yaml = Self.yaml.replacingOccurrences(of: "name: 姓名", with: "name: { column: 姓名, name_column: 所属区县 }")
        #expect(throws: SpecError.self) { try MappingSpec(yaml: yaml) }
    }
}
