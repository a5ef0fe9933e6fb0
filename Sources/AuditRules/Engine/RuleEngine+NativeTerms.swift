import Foundation
import FundWatchCore

extension RuleEngine {
    /// Decides the column plan's native terms (``ColumnPlan/nativeTerms``) and marks in the
    /// scan's bits where each is false: in rule order, for the persons a rule using the term is
    /// still a candidate for (``isCandidate(_:_:_:_:)``: lists, count bounds, person terms,
    /// `exists` requirements and joins) and the records no earlier term of such a rule has ruled
    /// out, so a term runs about where the rule's own short-circuit would run it.
    /// Persons are split into chunks over `workers` threads; each chunk writes only its own
    /// persons' and records' bits.
    static func decideNativeTerms(
        _ plan: ColumnPlan, _ population: ColumnarPopulation, index: PopulationIndex, _ table: BitTable, workers: Int
    ) {
        guard !plan.nativeTerms.isEmpty else { return }
        let timelines = population.timelines
        // The kernels first, over whole columns; what they leave undecided goes to the closures.
        let kernels = decideKernels(plan, population, index: index, table, workers: workers)
        defer { for answers in kernels.answers.values { answers.deallocate() } }
        let personTerms = plan.nativeTerms.filter { $0.list == nil }
        let recordTerms = plan.nativeTerms.filter { $0.list != nil && !kernels.settled.contains($0.ordinal) }
        // What the pass reads for every person, as plain values: reading a term (a class), its
        // users or a rule's candidacy (arrays) retains each, once per person and term.
        let quick = plan.quick
        var usersFlat = [Int]()
        func facts(_ term: NativeTerm) -> TermFacts {
            let first = usersFlat.count
            usersFlat += term.users
            return TermFacts(
                list: term.list?.rawValue ?? -1, bit: term.bit, iterates: term.iterates, users: first..<usersFlat.count,
                answers: kernels.answers[term.ordinal].map(UnsafeSendableBuffer.init))
        }
        let personFacts = personTerms.map(facts)
        let recordFacts = recordTerms.map(facts)
        let allUsers = usersFlat
        // Read per record: kept apart from the rules' other facts so reading one copies nothing.
        let recordMasks = plan.rules.map(\.recordMask)
        let chunkCount = max(1, min(timelines.count / 256 + 1, workers * 8))
        let chunkSize = (timelines.count + chunkCount - 1) / chunkCount
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            var frame: NativeFrame?
            // Whether rule r can still match the person (``isCandidate(_:_:_:_:)`` with the bits
            // so far), per rule: 0 not asked yet, 1 yes, 2 no. A "yes" may go stale as terms
            // add bits, which costs only a term decided where it need not be.
            // In a buffer, not an array: the nested functions below capture it, and a captured
            // array var is checked for exclusive access (a runtime call) on every read.
            let verdicts = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: plan.rules.count)
            verdicts.initialize(repeating: 0)
            defer { verdicts.deallocate() }
            // Per record term: records looked up in the memo, hits, and whether it is off in this chunk.
            var memoTries = [Int](repeating: 0, count: recordFacts.count)
            var memoHits = memoTries
            var memoOff = [Bool](repeating: false, count: recordFacts.count)
            // The users of a term still to be decided for the person (reused storage).
            let users = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(1, allUsers.count))
            defer { users.deallocate() }
            // The previous record's fields (one slot per field of the term with the most).
            var previous = [NativeValue](repeating: .unknown, count: plan.nativeTerms.map { $0.fields?.count ?? 0 }.max() ?? 0)
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
                    if verdicts[r] == 0 { verdicts[r] = Self.canMatch(plan, r, p, population, table) ? 1 : 2 }
                    return verdicts[r] == 1
                }
                /// The users of a term that may still match person `p`, into `users`; their count.
                func pending(_ facts: TermFacts) -> Int {
                    var count = 0
                    for u in facts.users {
                        let r = allUsers[u]
                        if mayMatch(r) && (!facts.iterates || quick[r].withinBudget(p, population)) {
                            users[count] = r
                            count += 1
                        }
                    }
                    return count
                }
                for r in verdicts.indices { verdicts[r] = 0 }
                for t in personFacts.indices where pending(personFacts[t]) > 0 {
                    let term = personTerms[t]
                    let f = begin(term)
                    if term.condition.evaluate(f, at: 0) == false {
                        table.persons[p] |= personFacts[t].bit
                        for u in personFacts[t].users { verdicts[allUsers[u]] = 2 }
                    }
                }
                for t in recordFacts.indices {
                    let facts = recordFacts[t]
                    let records = population.records(raw: facts.list, of: p)
                    if records.isEmpty { continue }
                    let userCount = pending(facts)
                    if userCount == 0 { continue }
                    let bits = table.records[facts.list]
                    let term = recordTerms[t]
                    var f: NativeFrame?
                    var decided = false
                    // The previous record's fields and value, while the memo pays in this chunk.
                    let fields = memoOff[t] ? nil : term.fields
                    var hasPrevious = false
                    var previousValue: Bool?
                    for i in records {
                        var open = false
                        for k in 0..<userCount where bits[i] & recordMasks[users[k]] == 0 {
                            open = true
                            break
                        }
                        if !open { continue }
                        // A record the kernel answered has its bit already.
                        if let kernelAnswers = facts.answers, kernelAnswers.buffer[i] != ColumnKernel.undecided { continue }
                        let frame = f ?? begin(term)
                        f = frame
                        let position = i - records.lowerBound
                        let value: Bool?
                        if let fields {
                            var same = hasPrevious
                            for k in fields.indices {
                                let v = fields[k](bound!, position)
                                if same && !NativeValue.identical(v, previous[k]) { same = false }
                                previous[k] = v
                            }
                            memoTries[t] += 1
                            if same {
                                value = previousValue
                                memoHits[t] += 1
                            } else {
                                value = term.condition.evaluate(frame, at: position)
                                previousValue = value
                                hasPrevious = true
                            }
                        } else {
                            value = term.condition.evaluate(frame, at: position)
                        }
                        if value == false {
                            bits[i] |= facts.bit
                            decided = true
                        }
                    }
                    // Reading the fields costs about a tenth of deciding the term: stop where
                    // fewer than one record in four repeats its predecessor's.
                    if memoTries[t] >= 256, memoHits[t] * 4 < memoTries[t] {
                        memoOff[t] = true
                    }
                    // The users' verdicts may change with the new bits: ask again when needed.
                    if decided { for u in facts.users { verdicts[allUsers[u]] = 0 } }
                }
            }
        }
    }

    /// A kernel's closure, held in a struct so an array of them stores it as it is declared.
    struct Decider {
        let decide: @Sendable (UnsafePointer<PersonTimeline>, PopulationIndex, UnsafeMutableBufferPointer<UInt8>) -> Void
    }

    /// A native term's facts the per-person pass reads (``decideNativeTerms``).
    struct TermFacts {
        /// ``TimelineList/rawValue`` of its list, -1 for a person term.
        let list: Int
        let bit: UInt64
        let iterates: Bool
        /// Its users' positions in the pass' flat list of users.
        let users: Range<Int>
        /// The kernel's answers, if a kernel left records of the term undecided.
        let answers: UnsafeSendableBuffer<UInt8>?
    }

    /// Runs the column kernels of the plan's native terms (``NativeTerm/kernel``) over every
    /// record of their lists, in parallel over persons, and marks where each term is false.
    /// Returns each kernel term's answers (by ordinal; ``ColumnKernel/undecided`` where the
    /// closure must decide) and the terms the kernels settled everywhere, which the per-person
    /// pass then skips.
    static func decideKernels(
        _ plan: ColumnPlan, _ population: ColumnarPopulation, index: PopulationIndex, _ table: BitTable, workers: Int
    ) -> (answers: [Int: UnsafeMutableBufferPointer<UInt8>], settled: Set<Int>) {
        let terms = plan.nativeTerms.filter { $0.kernel != nil && $0.list != nil }
        guard !terms.isEmpty else { return ([:], []) }
        let timelines = population.timelines
        let buffers = UnsafeMutableBufferPointer<UnsafeMutableBufferPointer<UInt8>>.allocate(capacity: terms.count)
        defer { buffers.deallocate() }
        for (n, term) in terms.enumerated() {
            let count = Int(population.starts[term.list!.rawValue].last ?? 0)
            // Initialised by the workers, each its own persons' records (first touched in parallel).
            buffers.initializeElement(at: n, to: UnsafeMutableBufferPointer<UInt8>.allocate(capacity: count))
        }
        let shared = UnsafeSendableBuffer(buffers)
        let chunkCount = max(1, min(timelines.count / 1024 + 1, workers * 8))
        let chunkSize = (timelines.count + chunkCount - 1) / chunkCount
        // Per chunk: how many records each term left undecided.
        let left = Slots<[Int]>(count: chunkCount, empty: [])
        let persons = timelines.count
        // Read per person, so taken out of the terms (class instances whose `var`s are read with
        // a runtime exclusivity check). Each kernel's closure in a struct of its own: kept in an
        // array directly, a closure is stored at the most general abstraction and called through
        // a thunk that copies the index (a retain and release of each of its tables); the kernel
        // itself would bring its name along.
        let kernels = terms.map { Decider(decide: $0.kernel!.decide) }
        let lists = terms.map { $0.list!.rawValue }
        let termBits = terms.map(\.bit)
        let kernelBits = lists.map { UnsafeSendableBuffer(table.records[$0]) }
        timelines.withUnsafeBufferPointer { timelines in
            let base = UnsafeSendableBuffer(UnsafeMutableBufferPointer(mutating: timelines))
            DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                let first = UnsafePointer(base.buffer.baseAddress!)
                let persons = min(persons, chunk * chunkSize)..<min(persons, (chunk + 1) * chunkSize)
                // The chunk's records of each kernel's list (contiguous, as its persons are).
                func chunkRecords(_ n: Int) -> Range<Int> {
                    guard !persons.isEmpty else { return 0..<0 }
                    return population.records(raw: lists[n], of: persons.lowerBound).lowerBound
                        ..< population.records(raw: lists[n], of: persons.upperBound - 1).upperBound
                }
                for n in kernels.indices {
                    let records = chunkRecords(n)
                    if records.isEmpty { continue }
                    (shared.buffer[n].baseAddress! + records.lowerBound).initialize(repeating: ColumnKernel.undecided, count: records.count)
                }
                // Person by person (their lists stay in cache from one kernel to the next)...
                for p in persons {
                    for n in kernels.indices {
                        let records = population.records(raw: lists[n], of: p)
                        if records.isEmpty { continue }
                        kernels[n].decide(first + p, index, UnsafeMutableBufferPointer(rebasing: shared.buffer[n][records]))
                    }
                }
                // ...then each kernel's answers over the chunk's records (contiguous, as its
                // persons are) into the scan's bits, in one loop.
                var undecided = [Int](repeating: 0, count: terms.count)
                for n in kernels.indices {
                    let records = chunkRecords(n)
                    let (answers, bits, bit) = (shared.buffer[n], kernelBits[n].buffer, termBits[n])
                    var open = 0
                    for i in records {
                        switch answers[i] {
                        case ColumnKernel.no: bits[i] |= bit
                        case ColumnKernel.undecided: open += 1
                        default: break
                        }
                    }
                    undecided[n] = open
                }
                left.set(chunk, undecided)
            }
        }
        var answers = [Int: UnsafeMutableBufferPointer<UInt8>]()
        var settled = Set<Int>()
        for (n, term) in terms.enumerated() {
            if left.values.allSatisfy({ $0[n] == 0 }) {
                settled.insert(term.ordinal)
                buffers[n].deallocate()
            } else {
                answers[term.ordinal] = buffers[n]
            }
        }
        return (answers, settled)
    }
}

/// Which terms are certainly false where: per list, one word per record, and one per person
/// (bit `n`: term `n` of ``ColumnPlan/recordTerms`` or ``ColumnPlan/personTerms``), in manually
/// allocated buffers that parallel workers update in disjoint places (an array of arrays
/// cannot be written from several threads).
final class BitTable: @unchecked Sendable {
    /// Per list (by ``TimelineList/rawValue``): a word per record, empty for a list without terms.
    let records: [UnsafeMutableBufferPointer<UInt64>]
    /// A word per person, empty without person terms.
    let persons: UnsafeMutableBufferPointer<UInt64>

    /// Takes ownership of the buffers (allocated by ``RuleEngine/falseBits(_:count:owners:columns:workers:)``).
    init(records: [UnsafeMutableBufferPointer<UInt64>], persons: UnsafeMutableBufferPointer<UInt64>) {
        self.records = records
        self.persons = persons
    }

    deinit {
        for row in records { row.deallocate() }
        persons.deallocate()
    }
}
