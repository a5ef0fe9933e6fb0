@testable import AuditRules
import Foundation
import Testing

@Suite struct RuleSpecLoaderTests {
    static let valid = """
        id: big_payment
        title: 大额发放
        category: 数据质量
        scope: benefit_payment
        severity: yellow
        when: payment.amount > 100000
        explain: '{{person.name}} {{payment.period}}'
        basis: [测试]
        version: 3
        """

    @Test func loadsAValidRule() throws {
        let rule = try RuleSpecLoader.load(yaml: Self.valid)
        #expect(rule.spec.id == "big_payment")
        #expect(rule.spec.scope == .benefitPayment)
        #expect(rule.spec.version == 3)
        #expect(rule.spec.status == .active)
    }

    @Test func placesACELErrorOnAPlainLine() {
        let yaml = Self.valid.replacingOccurrences(of: "payment.amount > 100000", with: "payment.amuont > 100000")
        let error = #expect(throws: RuleLoadError.self) { try RuleSpecLoader.load(yaml: yaml, file: "r.yaml") }
        #expect(error?.line == 6)
        #expect(error?.column == 7 + 7)  // `when: ` is 6 columns; the error is at `.amuont`
        #expect(error?.description.hasPrefix("r.yaml:6:") == true)
    }

    @Test func placesACELErrorInsideAFoldedBlock() {
        let yaml = Self.valid.replacingOccurrences(
            of: "when: payment.amount > 100000", with: "when: >\n  payment.amount > 100000\n  && in_custdy(person, '2025-01-01')")
        let error = #expect(throws: RuleLoadError.self) { try RuleSpecLoader.load(yaml: yaml) }
        #expect(error?.line == 8)
        #expect(error?.reason.contains("in_custdy") == true)
    }

    @Test func refusesUnknownKeysScopesAndTypes() {
        let unknown = #expect(throws: RuleLoadError.self) { try RuleSpecLoader.load(yaml: Self.valid + "\nwhen_not: x") }
        #expect(unknown?.line == 10)
        let scope = #expect(throws: RuleLoadError.self) {
            try RuleSpecLoader.load(yaml: Self.valid.replacingOccurrences(of: "benefit_payment", with: "payslip"))
        }
        #expect(scope?.line == 4 && scope?.reason.contains("unknown scope") == true)
        let notBool = #expect(throws: RuleLoadError.self) {
            try RuleSpecLoader.load(yaml: Self.valid.replacingOccurrences(of: "payment.amount > 100000", with: "payment.amount"))
        }
        #expect(notBool?.reason.contains("bool") == true)
        let wrongScopeVariable = #expect(throws: RuleLoadError.self) {
            try RuleSpecLoader.load(yaml: Self.valid.replacingOccurrences(of: "scope: benefit_payment", with: "scope: person")
                .replacingOccurrences(of: "{{payment.period}}", with: ""))
        }
        #expect(wrongScopeVariable?.reason.contains("payment") == true)
        #expect(throws: RuleLoadError.self) { try RuleSpecLoader.load(yaml: "id: [") }
    }
}
