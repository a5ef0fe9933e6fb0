import CEL
import FundWatchCore

/// A native term of the column plan (``NativeTerm``) decided for every record of its list in one
/// typed pass per person, before the per-person pass, instead of through its compiled closure
/// record by record: the person-level facts the term needs (earliest enrolment per insurance,
/// survival-check months, paid months and median) are computed once per person, and each record
/// is then a compare.
///
/// A kernel answers per record `false`, `true` or ``undecided``. It answers `false` only where
/// the term's closure certainly answers `false` (the batch marks the record out, as the closure
/// would), and leaves undecided anything it does not model exactly (an argument out of range, a
/// value near a floating-point boundary, a person whose lists could reach the cost budget): the
/// closure then decides those records as before. So a kernel can only save work, never change a
/// finding.
///
/// Kernels are recognised by the term's canonical text (``NativeTerm/render(_:renaming:)``,
/// with the record named `R`) against templates written in CEL (``ColumnKernel+Library``): a
/// rule that words a term differently simply keeps the closure.
struct ColumnKernel: Sendable {
    /// Answers of a record.
    static let no: UInt8 = 0
    static let yes: UInt8 = 1
    static let undecided: UInt8 = 2

    /// What the kernel computes (for `--candidates`-style diagnostics and tests).
    let name: String
    /// Writes the answer for each record of the term's list of one person into `out` (one slot
    /// per record, in list order).
    ///
    /// The timeline comes by pointer: passing a `PersonTimeline` from the population's array to
    /// a closure copied it (a retain of each of its lists), which cost as much as the kernel.
    let decide: @Sendable (_ timeline: UnsafePointer<PersonTimeline>, _ index: PopulationIndex, _ out: UnsafeMutableBufferPointer<UInt8>) -> Void
}

extension ColumnKernel {
    /// The kernel for a native term of a rule over `list`, if one models it; `costLimit` is the
    /// term's budget (a kernel of a comprehension answers only for persons well within it).
    static func recognise(_ term: Expr, list: TimelineList?, recordNames: Set<String>, costLimit: Int) -> ColumnKernel? {
        guard let list else { return nil }
        let text = NativeTerm.render(term, renaming: recordNames)
        for template in library where template.list == list && template.text == text {
            return template.make(costLimit)
        }
        // `cond ? a : b` where the kernel decides `a` for persons whose `cond` holds.
        if case .call("_?_:_", nil, let args) = term.kind, args.count == 3 {
            let condition = NativeTerm.render(args[0], renaming: recordNames)
            let then = NativeTerm.render(args[1], renaming: recordNames)
            for template in conditionalLibrary where template.list == list && template.condition == condition && template.then == then {
                return template.make(costLimit)
            }
        }
        return nil
    }

    /// The canonical text of a template written in CEL with the record named `R`.
    static func templateText(_ cel: String) -> String {
        do {
            return NativeTerm.render(try CELEnvironment().parse(cel), renaming: ["R"])
        } catch {
            // A template that does not parse matches no term: the closures decide, as without it.
            return "\u{0}unparsable template: \(cel)"
        }
    }

    /// A kernel for a whole term.
    struct Template: Sendable {
        let list: TimelineList
        let text: String
        let make: @Sendable (Int) -> ColumnKernel

        init(_ list: TimelineList, _ cel: String, make: @escaping @Sendable (Int) -> ColumnKernel) {
            self.list = list
            text = ColumnKernel.templateText(cel)
            self.make = make
        }
    }

    /// A kernel for `condition ? then : otherwise`, deciding `then` where `condition` holds for
    /// the person and leaving the other persons' records undecided.
    struct ConditionalTemplate: Sendable {
        let list: TimelineList
        let condition: String
        let then: String
        let make: @Sendable (Int) -> ColumnKernel

        init(_ list: TimelineList, condition: String, then: String, make: @escaping @Sendable (Int) -> ColumnKernel) {
            self.list = list
            self.condition = ColumnKernel.templateText(condition)
            self.then = ColumnKernel.templateText(then)
            self.make = make
        }
    }
}
