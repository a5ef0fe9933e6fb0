public import CEL
import Foundation

/// A rule compiled once: its condition, amount, score and explanation placeholders as CEL programs.
public final class CompiledRule: Sendable {
    /// A compile failure in one of the rule's expressions.
    public struct CompileFailure: Error, Sendable {
        /// The YAML key holding the expression (`when`, `amount`, `thresholds.score`, `explain`).
        public let key: String
        /// The expression text.
        public let expression: String
        public let error: CELError
    }

    public let spec: RuleSpec
    let condition: Program
    let amount: Program?
    let score: Program?
    /// Literal text and compiled placeholders of the explanation, in order.
    let explanation: [ExplanationPart]
    /// What the condition needs before it can be true, checked natively.
    let trigger: RuleTrigger

    enum ExplanationPart: Sendable {
        case text(String)
        case value(Program)
    }

    /// Compiles every expression of the spec in the environment of its scope.
    public init(_ spec: RuleSpec) throws(CompileFailure) {
        self.spec = spec
        let env = RuleEnvironment.make(scope: spec.scope)
        func compile(_ key: String, _ text: String) throws(CompileFailure) -> Program {
            do { return try env.compile(text) } catch { throw CompileFailure(key: key, expression: text, error: error) }
        }
        condition = try compile("when", spec.when)
        if condition.resultType != .bool && condition.resultType != .dyn {
            throw CompileFailure(
                key: "when", expression: spec.when,
                error: CELError(code: .typeMismatch, reason: "the condition must be a bool, not \(condition.resultType)"))
        }
        trigger = RuleTrigger(condition.expression, recordVariable: spec.scope.recordVariable)
        amount = try spec.amount.map { text throws(CompileFailure) in try compile("amount", text) }
        score = try spec.thresholds.map { t throws(CompileFailure) in try compile("thresholds.score", t.score) }
        var parts = [ExplanationPart]()
        var rest = Substring(spec.explain)
        while let open = rest.range(of: "{{") {
            parts.append(.text(String(rest[..<open.lowerBound])))
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw CompileFailure(
                    key: "explain", expression: spec.explain,
                    error: CELError(code: .syntax, reason: "'{{' without a closing '}}'"))
            }
            let text = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            parts.append(.value(try compile("explain", text)))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        explanation = parts
    }
}
