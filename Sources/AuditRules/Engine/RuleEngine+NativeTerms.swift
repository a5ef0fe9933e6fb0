import Foundation
import FundWatchCore

extension RuleEngine {
    /// Decides the column plan's native terms (``ColumnPlan/nativeTerms``) and marks in the
    /// scan's bits where each is false: in rule order, for the persons a rule using the term can
    /// still match (lists, count bounds, person terms) and the records no earlier term of such a
    /// rule has ruled out, so a term runs about where the rule's own short-circuit would run it.
    /// Persons are split into chunks over `workers` threads; each chunk writes only its own
    /// persons' and records' bits.
    static func decideNativeTerms(
        _ plan: ColumnPlan, _ population: ColumnarPopulation, index: PopulationIndex,
        recordBits: inout [[UInt64]], personBits: inout [UInt64], workers: Int
    ) {
        guard !plan.nativeTerms.isEmpty else { return }
        let timelines = population.timelines
        let table = BitTable(recordBits + [personBits])
        let personRow = TimelineList.allCases.count
        let personTerms = plan.nativeTerms.filter { $0.list == nil }
        let recordTerms = plan.nativeTerms.filter { $0.list != nil }
        let chunkCount = max(1, min(timelines.count / 256 + 1, workers * 8))
        let chunkSize = (timelines.count + chunkCount - 1) / chunkCount
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            var frame: NativeFrame?
            // Whether rule r can still match the person, per rule: 0 unknown, 1 yes, 2 no.
            var verdicts = [UInt8](repeating: 0, count: plan.rules.count)
            for p in min(timelines.count, chunk * chunkSize)..<min(timelines.count, (chunk + 1) * chunkSize) {
                var bound: BoundTimeline?
                func begin(_ term: NativeTerm) -> NativeFrame {
                    let b = bound ?? BoundTimeline(timelines[p], index: index)
                    bound = b
                    let f = frame ?? NativeFrame(bound: b)
                    frame = f
                    term.condition.begin(f, b)
                    return f
                }
                func mayMatch(_ r: Int) -> Bool {
                    if verdicts[r] == 0 {
                        verdicts[r] = Self.personMayMatch(plan.rules[r], p, population, personBits: table.rows[personRow]) ? 1 : 2
                    }
                    return verdicts[r] == 1
                }
                for r in verdicts.indices { verdicts[r] = 0 }
                for term in personTerms {
                    let needed = term.users.contains { r in
                        guard mayMatch(r), Self.withinBudget(plan.rules[r], term, p, population) else { return false }
                        // A record rule needs a record no record term has ruled out.
                        guard let list = plan.rules[r].list else { return true }
                        let bits = table.rows[list.rawValue]
                        let mask = plan.rules[r].recordMask
                        return bits.isEmpty || population.records(list, of: p).contains { bits[$0] & mask == 0 }
                    }
                    guard needed else { continue }
                    let f = begin(term)
                    if term.condition.evaluate(f, at: 0) == false {
                        table.rows[personRow][p] |= term.bit
                        // Verdicts may change with the new bit.
                        for r in term.users { verdicts[r] = 2 }
                    }
                }
                for term in recordTerms {
                    let list = term.list!
                    let records = population.records(list, of: p)
                    if records.isEmpty { continue }
                    let users = term.users.filter { mayMatch($0) && Self.withinBudget(plan.rules[$0], term, p, population) }
                    if users.isEmpty { continue }
                    let bits = table.rows[list.rawValue]
                    var f: NativeFrame?
                    for i in records where users.contains(where: { bits[i] & plan.rules[$0].recordMask == 0 }) {
                        let frame = f ?? begin(term)
                        f = frame
                        if term.condition.evaluate(frame, at: i - records.lowerBound) == false { bits[i] |= term.bit }
                    }
                }
            }
        }
        let rows = table.arrays()
        recordBits = Array(rows.dropLast())
        personBits = rows[personRow]
    }

    /// Whether a person can match a rule as far as the person-level facts tell: a record of the
    /// rule's list, its required lists, an imprisonment where it needs one, its count bounds and
    /// no person term ruling it out.
    @inline(__always)
    static func personMayMatch(
        _ c: ColumnPlan.Candidacy, _ p: Int, _ population: ColumnarPopulation, personBits: UnsafeMutableBufferPointer<UInt64>
    ) -> Bool {
        if let list = c.list, population.records(list, of: p).isEmpty { return false }
        for list in c.requiredLists where population.records(list, of: p).isEmpty { return false }
        if c.personMask != 0 && !personBits.isEmpty && personBits[p] & c.personMask != 0 { return false }
        if c.needsImprisonment && !population.timelines[p].custody.contains(where: { $0.kind == .imprisonment }) { return false }
        for bound in c.countBounds where bound.upperBound(population.timelines[p]) <= bound.limit { return false }
        return true
    }

    /// Whether an iterating term may be decided alone for this person: only when the rule's
    /// lists cannot exhaust its cost budget (a cost-free term always may).
    @inline(__always)
    static func withinBudget(_ c: ColumnPlan.Candidacy, _ term: NativeTerm, _ p: Int, _ population: ColumnarPopulation) -> Bool {
        guard term.iterates else { return true }
        guard let lists = c.iteratedLists else { return false }
        return lists.reduce(0) { $0 + population.records($1, of: p).count } < c.costLimit
    }
}

/// Rows of bits that parallel workers update in disjoint places, in manually allocated buffers
/// (an array of arrays cannot be written from several threads).
final class BitTable: @unchecked Sendable {
    let rows: [UnsafeMutableBufferPointer<UInt64>]

    init(_ arrays: [[UInt64]]) {
        rows = arrays.map { array in
            let row = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: array.count)
            _ = row.initialize(from: array)
            return row
        }
    }

    deinit { for row in rows { row.deallocate() } }

    func arrays() -> [[UInt64]] { rows.map { Array($0) } }
}

