import FundWatchCore
@testable import Ingestion
import Testing

/// The byte-level fast path of `FieldCleaner` must give exactly what the general path gives, or
/// leave the value to it: same canonical text, same cleaning counts.
@Suite struct FastCleaningTests {
    static let contributionYAML = """
        source: contributions
        department: hrss
        record: contribution
        columns:
          id_number: 身份证号码
          insurance: 险种
          period: { column: 费款所属期, formats: ["yyyyMM", "yyyy年M月"] }
          amount: { column: 缴费金额, unit: yuan }
          base: { column: 缴费基数, unit: fen }
          employer_id: 单位编号
          paid_date: { column: 缴费日期, formats: ["yyyy/M/d", "yyyy年M月d日", "excel_serial"] }
          back_payment: 是否补缴
        """

    static let samples: [String: [String]] = [
        "id_number": ["371482195803071237", "37148219620115104X", "37148219620115104x", " 371482195803071237 ", "371482580307123",
                      "３７１４８２１９５８０３０７１２３７", "37148219580307123", "ABCDEFGHIJKLMNOPQR", ""],
        "insurance": ["职工基本养老保险", "pension_employee", "城乡居民基本医疗保险", "养老", " 失业保险", "PENSION_EMPLOYEE", ""],
        "period": ["202503", "2025-03", "2025年3月", "202513", "2025-3", "２０２５０３", "x"],
        "amount": ["¥800.00", "1,116", "1116.5", "-12.34", "+3", "12.345", "¥", "1.2.3", "￥800", "12元", "１２", "99999999999999999",
                   "$5", "5$", "- 5", " 7 ", "\u{00A0}8"],
        "base": ["4650", "+300", "0300", "4,650", "46.5", "abc"],
        "employer_id": ["E3707840007", "E 37", " E37", "单位Ａ", ""],
        "paid_date": ["2025/3/24", "2025-03-24", "2025年3月24日", "45053", "2025/2/30", "2025/13/1", "2025/3/24 08:30:00", "24/3/2025"],
        "back_payment": ["是", "否", "true", "1", "N", "maybe", "True", "TRUE", "yes"],
    ]

    @Test func theFastPathAgreesWithTheGeneralPath() throws {
        let spec = try MappingSpec(yaml: Self.contributionYAML)
        var fastTaken = 0
        for mapping in spec.columns {
            let cleaner = FieldCleaner(mapping: mapping, kind: spec.record, catalog: .shared)
            for value in Self.samples[mapping.field.name] ?? [] {
                var general = CleaningCounts()
                let expected = cleaner.cleanGeneral(value, counts: &general)
                var fastCounts = CleaningCounts()
                var copy = value
                let fastValue = copy.withUTF8 { cleaner.cleanFast($0, counts: &fastCounts) }
                if let fastValue {
                    let fast: String
                    switch fastValue {
                    case .same: fast = value
                    case .value(let v): fast = v
                    }
                    fastTaken += 1
                    #expect(expected == .success(fast), "\(mapping.field.name) '\(value)'")
                    #expect(fastCounts == general, "\(mapping.field.name) '\(value)'")
                }
                var both = CleaningCounts()
                #expect(cleaner.clean(value, counts: &both) == expected, "\(mapping.field.name) '\(value)'")
                #expect(both == general)
            }
        }
        // The common shapes do take the fast path (else it would be dead code that proves nothing).
        #expect(fastTaken >= 25)
    }

    @Test func yuanOnBytesReadsAsMoneyDoes() {
        for text in ["0", "0.5", "1,234.56", "¥12", "-¥3.1", "¥-3.1", "+0.07", "123456789012345"] {
            var copy = text
            let fen = copy.withUTF8 { FieldCleaner.yuanToFen($0) }
            #expect(fen == (try? Money(yuanText: text))?.fen, "'\(text)'")
        }
        for text in ["12.345", "", "¥", "1-2", "1¥", "1.2.3", "1234567890123456"] {
            var copy = text
            #expect(copy.withUTF8 { FieldCleaner.yuanToFen($0) } == nil, "'\(text)'")
        }
    }
}
