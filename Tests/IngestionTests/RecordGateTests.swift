import FundWatchCore
@testable import Ingestion
import Testing

/// The field checks let a row through without building its record only for record types that
/// read each field with its type's accessor: these tests hold every such type to that, so a type
/// that grows a rule across fields (or a required field the spec list does not mark) fails here
/// instead of letting bad rows in.
@Suite struct RecordGateTests {
    static let today = CivilDate(year: 2026, month: 11, day: 25)!

    /// A value each rule accepts.
    static func sample(_ rule: BoundMapping.FieldCheck.Rule) -> String {
        switch rule {
        case .text, .unchecked: "x"
        case .idNumber: "11010519491231002X"
        case .date: "2020-02-29"
        case .period: "2020-02"
        case .money: "12345"
        case .bool: "true"
        case .region: "110105"
        case .codes(let codes): codes[0]
        }
    }

    static var gatedKinds: [RecordKind] {
        RecordKind.allCases.filter { !BoundMapping.kindsCheckingAcrossFields.contains($0) }
    }

    func build(_ kind: RecordKind, _ values: [String]) -> FieldError? {
        let names = kind.recordType.fields.map(\.name)
        do {
            _ = try kind.recordType.init(row: CanonicalRow(names: names, values: values, today: Self.today))
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: gatedKinds)
    func aRecordAcceptsWhatTheFieldChecksAccept(kind: RecordKind) {
        let checks = BoundMapping.fieldChecks(kind: kind, fields: kind.recordType.fields)
        let full = checks.map { Self.sample($0.rule) }
        #expect(build(kind, full) == nil)
        // Each field left empty: the record refuses it exactly when the check calls it required.
        for i in checks.indices {
            var values = full
            values[i] = ""
            #expect((build(kind, values) != nil) == checks[i].required, "\(kind) field \(kind.recordType.fields[i].name)")
        }
        // Every code a code check lets through is one the record takes.
        for i in checks.indices {
            guard case .codes(let codes) = checks[i].rule else { continue }
            for code in codes {
                var values = full
                values[i] = code
                #expect(build(kind, values) == nil, "\(kind) \(kind.recordType.fields[i].name) = \(code)")
            }
        }
    }

    @Test func theFieldChecksRefuseWhatTheRecordRefusesAndRememberOnlyGoodIDs() throws {
        let spec = try MappingSpec(yaml: """
            source: hrss_contributions
            department: hrss
            record: contribution
            format: csv
            columns:
              id_number: 身份证号码
              insurance: 险种
              period: 所属期
              amount: 金额
            """)
        let mapping = try BoundMapping(
            spec: spec, header: SourceRow(line: 1, fields: ["身份证号码", "险种", "所属期", "金额"]), file: "t.csv", today: Self.today)
        func check(_ id: String, _ insurance: String = "pension_employee", amount: String = "100") -> (Bool, [String]) {
            var checked = [String](repeating: "", count: mapping.fieldChecks.count)
            var values = [String](repeating: "", count: mapping.fieldChecks.count)
            values[0] = id
            values[1] = insurance
            values[2] = "2024-01"
            values[3] = amount
            let passed = mapping.passesFieldChecks(values, checkedIDs: &checked)
            return (passed, checked)
        }
        let good = check("11010519491231002X")
        #expect(good.0)
        #expect(good.1[0] == "11010519491231002X")
        // A wrong check character, a birth after today, an unknown code, a non-integer amount.
        #expect(!check("110105194912310021").0)
        #expect(check("110105194912310021").1[0] == "")
        #expect(!check("110105203012310028").0)
        #expect(!check("11010519491231002X", "pension").0)
        #expect(!check("11010519491231002X", amount: "1.5").0)
        // And mapping such a row still rejects it with the record's reason.
        var counts = CleaningCounts()
        let outcome = mapping.map(SourceRow(line: 2, fields: ["110105194912310021", "pension_employee", "2024-01", "100"]), counts: &counts)
        guard case .rejected(let reject) = outcome else {
            Issue.record("expected a reject, got \(outcome)")
            return
        }
        #expect(reject.field == "id_number")
        #expect(reject.line == 2)
    }
}
