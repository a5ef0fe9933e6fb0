import FundWatchCore
import Testing

@Suite struct CanonicalRecordTests {
    let today = CivilDate("2026-11-25")!

    @Test func everyKindRoundTripsThroughItsFields() throws {
        let id = IDNumber(region: "371482", birthDate: CivilDate("1960-01-01")!, sequence: 11)
        let samples: [any CanonicalRecord] = [
            Person(idNumber: id, name: "张三", sex: .male, birthDate: CivilDate("1960-01-01"), regionCode: "371482", address: "禹城市, 某路1号", phone: "13800000000"),
            Enrollment(idNumber: id, insurance: .workInjury, regionCode: "371482", startDate: CivilDate("2020-01-01")!, employerID: "E1"),
            Contribution(idNumber: id, insurance: .pensionEmployee, period: Period("2025-01")!, amount: Money(fen: 12_345), base: Money(fen: 500_000), backPayment: true),
            BenefitPayment(paymentID: "P1", idNumber: id, benefit: .pension, period: Period("2025-02")!, amount: Money(fen: 300_000), bankAccount: "62220001"),
            MedicalSettlement(settlementID: "S1", idNumber: id, institutionID: "H1", visit: .inpatient, admissionDate: CivilDate("2025-01-01")!, totalAmount: Money(fen: 10_000), fundAmount: Money(fen: 7_000), dischargeDate: CivilDate("2025-01-09"), diagnosis: "I10", offSite: true),
            InjuryClaim(claimID: "C1", idNumber: id, employerID: "E1", injuryDate: CivilDate("2025-03-01")!, claimDate: CivilDate("2025-03-20")!),
            DeathRecord(idNumber: id, deathDate: CivilDate("2025-06-01")!, source: .publicSecurity, name: "张三"),
            CustodyRecord(idNumber: id, startDate: CivilDate("2019-01-01")!, kind: .detention),
            EmploymentRecord(idNumber: id, employerID: "E1", period: Period("2025-01")!, income: Money(fen: 800_000)),
            BankAccount(account: "62220001", holderIDNumber: id, bank: "工商银行"),
            Institution(institutionID: "H1", name: "禹城市人民医院", kind: .hospital, regionCode: "371482"),
            Staff(staffID: "S001", name: "李四", regionCode: "371482", role: "auditor"),
            QualificationCheck(idNumber: id, checkDate: CivilDate("2025-01-05")!, method: .faceRecognition),
        ]
        #expect(Set(samples.map { type(of: $0).kind }).count == RecordKind.allCases.count)
        for record in samples {
            let type = type(of: record)
            var columns = [String: Int]()
            for (i, f) in type.fields.enumerated() { columns[f.name] = i }
            let back = try type.init(row: CanonicalRow(columns: columns, values: record.fieldValues, today: today))
            #expect(back.fieldValues == record.fieldValues, "\(type.kind)")
            #expect(type.fields.count == record.fieldValues.count)
            // The importer relies on this: at most one ID field, and it is the record's subject.
            let idFields = type.fields.indices.filter { type.fields[$0].type == .idNumber }
            #expect(idFields.count <= 1)
            #expect(idFields.map { record.fieldValues[$0] } == (record.subjectID.map { [$0.value] } ?? []))
        }
    }

    @Test func fieldErrorsNameTheFieldAndWhatIsExpected() {
        let row = CanonicalRow(["id_number": "11010519491231002X", "insurance": "pension", "region_code": "371482", "start_date": "2020-01-01"], today: today)
        do {
            _ = try Enrollment(row: row)
            Issue.record("accepted an unknown insurance code")
        } catch {
            #expect(error.field == "insurance")
            #expect(error.description.contains("pension_employee"))
        }
        let missing = CanonicalRow(["id_number": "11010519491231002X"], today: today)
        #expect(throws: FieldError(field: "name", value: "", problem: .missing)) { try Person(row: missing) }
        let future = CanonicalRow(["id_number": "11010519491231002X", "death_date": "2027-01-01", "source": "health"], today: today)
        #expect(throws: FieldError.self) { try DeathRecord(row: future) }
    }
}
