import CEL
import FundWatchCore

/// A rule's condition compiled natively (``NativeCompiler``): evaluated per record (or once per
/// person) without the interpreter. Its answer is `true`, `false`, or `nil` when the
/// interpreter must decide (the native value was unknown, or the cost reached the budget).
struct NativeCondition: Sendable {
    let root: NativeExpr
    let localCount: Int
    let cacheCount: Int
    let memoCount: Int
    let costLimit: Int

    /// Compiles the rule's condition; the reason it cannot, when it cannot.
    static func compile(_ rule: CompiledRule) -> Result<NativeCondition, Refusal> {
        let scope = rule.spec.scope
        return compile(
            rule.condition.expression, recordList: scope.recordList,
            recordNames: scope.recordVariable.map { [$0, "record"] } ?? [], costLimit: rule.condition.options.costLimit)
    }

    /// Compiles one boolean expression of a rule of the given scope (a term of its condition).
    static func compile(
        _ expression: Expr, recordList: TimelineList?, recordNames: Set<String>, costLimit: Int
    ) -> Result<NativeCondition, Refusal> {
        var compiler = NativeCompiler(recordList: recordList, recordNames: recordNames)
        guard let root = compiler.compile(expression) else {
            return .failure(Refusal(reason: compiler.unsupported ?? "unsupported"))
        }
        return .success(
            NativeCondition(
                root: root, localCount: compiler.localCount, cacheCount: compiler.cacheCount, memoCount: compiler.memoCount,
                costLimit: costLimit))
    }

    /// Why a condition stays with the interpreter.
    struct Refusal: Error {
        let reason: String
    }

    /// Prepares the frame for this rule over the person bound in it.
    func begin(_ frame: NativeFrame, _ bound: BoundTimeline) {
        frame.begin(bound, locals: localCount, cached: cacheCount, memos: memoCount)
    }

    /// The condition for the record at `position` (ignored for person-scoped rules): true or
    /// false as the interpreter would give it, nil when the interpreter must decide.
    @inline(__always)
    func evaluate(_ frame: NativeFrame, at position: Int) -> Bool? {
        frame.record = position
        frame.cost = 0
        let value = root(frame)
        // Past the budget the interpreter stops with an error: let it say so.
        guard frame.cost <= costLimit, case .bool(let result) = value else { return nil }
        return result
    }
}
