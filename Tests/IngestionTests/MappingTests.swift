import Foundation
import FundWatchCore
import Ingestion
import Testing

@Suite struct MappingTests {
    static let today = CivilDate(year: 2026, month: 11, day: 25)!

    static let personsYAML = """
        source: public_security_persons
        department: public_security
        record: person
        header_row: 2
        columns:
          id_number: 公民身份号码
          name: 姓名
          sex: 性别
          birth_date: { column: 出生日期, formats: ["yyyy年M月d日", "yyyy/M/d", "excel_serial"] }
          region_code: { column: 户籍地, lookup: region_name, within: 370000 }
          address: 住址
        """

    func map(_ csv: String, yaml: String = personsYAML) throws -> (outcomes: [RowOutcome], counts: CleaningCounts) {
        let spec = try MappingSpec(yaml: yaml)
        var reader = try ExportReader(
            spec: spec, source: MemoryByteSource(Array(csv.utf8), chunkSize: 16), file: "persons.csv", today: Self.today)
        var counts = CleaningCounts()
        var outcomes = [RowOutcome]()
        while let outcome = try reader.next(counts: &counts) { outcomes.append(outcome) }
        return (outcomes, counts)
    }

    @Test func cleansEachKindOfDirtAndCountsIt() throws {
        let csv = """
            人员信息导出（2026年11月）,,,,,
            公民身份号码,姓名,性别,出生日期,户籍地,住址
             371482195803071237 ,張 三,男,1958年3月7日,禹城市,山東省禹城市市中街道１號
            ３７１４８２１９６２０１１５１０４ｘ,阿卜杜．热合曼,女,1962/1/15,山东省德州市禹城市,
            371482580307123,李四,male,21251,德州市,

            """
        let (outcomes, counts) = try map(csv)
        #expect(outcomes == [
            .accepted(line: 3, values: ["371482195803071237", "张三", "male", "1958-03-07", "371482", "山东省禹城市市中街道1号", ""]),
            .accepted(line: 4, values: ["37148219620115104X", "阿卜杜·热合曼", "female", "1962-01-15", "371482", "", ""]),
            .accepted(line: 5, values: ["371482195803071237", "李四", "male", "1958-03-07", "371400", "", ""]),
        ])
        #expect(counts[.trim] == 1)
        #expect(counts[.fullWidth] == 2)  // the address's １ on line 3, the ID on line 4 (the name's ． is a middle dot)
        #expect(counts[.traditionalToSimplified] == 2)  // 張 三 and 山東…號
        #expect(counts[.nameNormalised] == 2)  // 张 三 → 张三, 阿卜杜.热合曼 → 阿卜杜·热合曼
        #expect(counts[.idUppercaseX] == 1)
        #expect(counts[.id15To18] == 1)
        #expect(counts[.dateReformatted] == 3)
        #expect(counts[.regionNameToCode] == 3)
        #expect(counts[.codeMapped] == 2)  // 男, 女
    }

    @Test func rejectsBadRowsWithPlaceAndReasonAndKeepsTheRest() throws {
        let csv = """
            title
            公民身份号码,姓名,性别,出生日期,户籍地,住址
            371482195803071238,王五,男,1958/3/7,禹城市,
            371482195803071237,,男,1958/3/7,禹城市,
            371482195803071237,赵六,男,1958-13-07,禹城市,
            371482195803071237,钱七,男,1958/3/7,城关区,
            371482195803071237,孙八,未知,1958/3/7,禹城市,
            371482195803071237,周九,男,1958/3/7
            371482195803071237,吴十,男,1958/3/7,禹城市,
            """
        let (outcomes, _) = try map(csv, yaml: Self.personsYAML.replacingOccurrences(of: ", within: 370000", with: ""))
        var rejects = [Reject]()
        var accepted = [Int]()
        for outcome in outcomes {
            switch outcome {
            case .accepted(let line, _): accepted.append(line)
            case .rejected(let r): rejects.append(r)
            }
        }
        #expect(accepted == [9])
        #expect(rejects.map(\.line) == [3, 4, 5, 6, 7, 8])
        #expect(rejects.map(\.column) == ["公民身份号码", "姓名", "出生日期", "户籍地", "性别", nil])
        #expect(rejects.map(\.code) == ["invalid_id_number", "missing", "invalid_date", "invalid_region", "invalid_code", "field_count"])
        // The ID is masked in what people see, whole in the raw row kept for correction.
        #expect(rejects[0].value == "371482********1238")
        #expect(!rejects[0].reason.contains("371482195803071238"))
        #expect(rejects[0].raw[0] == "371482195803071238")
        #expect(rejects[0].reason.contains("check"))
        #expect(rejects[2].reason.contains("1958-13-07"))
        #expect(rejects[3].reason.contains("ambiguous") && rejects[3].reason.contains("620102"))
        #expect(rejects[5].reason.contains("expected 6 fields"))
        #expect(rejects.allSatisfy { $0.file == "persons.csv" })
    }

    @Test func rejectsFutureDeathsAndConvertsYuan() throws {
        let yaml = """
            source: civil_affairs_deaths
            department: civil_affairs
            record: death_record
            columns:
              id_number: 身份证号码
              death_date: { column: 死亡日期, formats: ["yyyyMMdd"] }
              source: { value: civil_affairs }
            """
        let (outcomes, _) = try map("身份证号码,死亡日期\n371482195803071237,20270101\n371482195803071237,20230507\n", yaml: yaml)
        guard case .rejected(let reject) = outcomes[0] else {
            Issue.record("a death in the future must be rejected")
            return
        }
        #expect(reject.field == "death_date" && reject.column == "死亡日期" && reject.reason.contains("future"))
        #expect(outcomes[1] == .accepted(line: 3, values: ["371482195803071237", "2023-05-07", "civil_affairs", "", ""]))

        let payments = """
            source: hrss_pensions
            department: hrss
            record: benefit_payment
            columns:
              payment_id: 流水号
              id_number: 身份证号
              benefit: { value: pension }
              period: 所属期
              amount: { column: 金额（元）, unit: yuan }
            """
        let (paid, counts) = try map(
            "流水号,身份证号,所属期,金额(元)\nP1,371482195803071237,202305,\"¥3,215.5\"\nP2,371482195803071237,2023年6月,1.234\n",
            yaml: payments)
        #expect(paid[0] == .accepted(line: 2, values: ["P1", "371482195803071237", "pension", "2023-05", "321550", "", "", "", ""]))
        guard case .rejected(let tooPrecise) = paid[1] else {
            Issue.record("three decimals of a yuan must be rejected, not rounded")
            return
        }
        #expect(tooPrecise.reason.contains("more than two decimals"))
        #expect(counts[.moneyToFen] == 1)
    }

    @Test func missingColumnNamesTheClosestHeader() throws {
        let error = #expect(throws: IngestError.self) {
            try map("标题\n公民身份号码,姓名,性别,出生年月日,户籍地,住址\n", yaml: Self.personsYAML)
        }
        #expect(error?.line == 2)
        #expect(error?.column == "出生日期")
        #expect(error?.message.contains("closest header present is '出生年月日'") == true, "\(error?.description ?? "")")
        #expect(error?.message.contains("spec line 9") == true, "\(error?.description ?? "")")
    }

    @Test func refusesDuplicateMappedHeadersAndEmptyFiles() throws {
        let duplicate = #expect(throws: IngestError.self) {
            try map("标题\n公民身份号码,姓名,性别,出生日期,户籍地,姓名\n", yaml: Self.personsYAML)
        }
        #expect(duplicate?.message.contains("appears 2 times") == true)
        let empty = #expect(throws: IngestError.self) { try map("", yaml: Self.personsYAML) }
        #expect(empty?.message.contains("header row 2") == true)
        // A header and no rows is an empty batch, not an error.
        #expect(try map("标题\n公民身份号码,姓名,性别,出生日期,户籍地,住址\n").outcomes.isEmpty)
    }

    @Test func masksPersonalData() {
        #expect(Masking.mask("371482195803071237", field: FieldSpec("id_number", "", .idNumber)) == "371482********1237")
        #expect(Masking.mask("阿卜杜·热合曼", field: FieldSpec("name", "")) == "阿******")
        #expect(Masking.mask("13812345678", field: FieldSpec("phone", "")) == "*******5678")
        #expect(Masking.mask("2023-05-07", field: FieldSpec("death_date", "", .date)) == "2023-05-07")
    }
}
