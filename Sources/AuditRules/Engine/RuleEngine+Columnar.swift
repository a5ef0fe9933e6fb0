public import Foundation
public import FundWatchCore

extension RuleEngine {
    /// Prepares a population for ``evaluate(_:index:workers:)``: record positions per person and
    /// the columns this engine's rules filter on. A loading step, done once per population.
    public func prepare(_ timelines: [PersonTimeline], workers: Int = ProcessInfo.processInfo.activeProcessorCount)
        -> ColumnarPopulation
    {
        ColumnarPopulation(timelines: timelines, plan: columnPlan, workers: workers)
    }

    /// Evaluates every rule over a prepared population, in parallel over `workers` threads: the
    /// same findings, in the same order, as ``evaluate(population:index:workers:)``.
    ///
    /// Each rule's record-only terms (`payment.benefit == 'pension'`, `payment.amount > 0`) and
    /// person-only terms (`person.death_date != null`) are first evaluated over the columns, each
    /// distinct term once per record or person; a rule then runs only on the persons left with a
    /// record none of its terms rules out (and with the lists it needs), and a person no rule
    /// is left for is not visited at all. A term rules a record out only where it is certainly
    /// false, where the rule's plan would rule it out too, so the outcome of every rule is the
    /// plan's.
    public func evaluate(_ population: ColumnarPopulation, index: PopulationIndex, workers: Int = ProcessInfo.processInfo.activeProcessorCount)
        -> BatchResult
    {
        guard !plans.isEmpty else { return evaluateEveryPerson(population.timelines, index: index, workers: workers) }
        let start = Date()
        let timelines = population.timelines
        let plan = columnPlan
        // Which terms are certainly false where: one bit per distinct term, per record or person.
        let bits = Self.scan(plan, population, index: index, workers: workers)

        let chunkCount = max(1, min(timelines.count / 256 + 1, workers * 8))
        let chunkSize = (timelines.count + chunkCount - 1) / chunkCount
        let results = Slots<([Finding], [RuleFailure])>(count: chunkCount, empty: ([], []))
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let persons = min(timelines.count, chunk * chunkSize)..<min(timelines.count, (chunk + 1) * chunkSize)
            var findings = [Finding]()
            var failures = [RuleFailure]()
            let scratch = makeScratch()
            // Person by person, each rule the person is a candidate for: the person's record
            // positions and bits stay in cache while all rules are asked about them.
            for p in persons {
                var bound: BoundTimeline?
                for r in rules.indices where Self.canMatch(plan, r, p, population, bits) {
                    let b: BoundTimeline
                    if let bound {
                        b = bound
                    } else {
                        b = BoundTimeline(timelines[p], index: index)
                        bound = b
                        scratch.reset()
                    }
                    switch plans[r].evaluate(b, scratch: scratch) {
                    case .passes: break
                    case .flags(let finding): findings.append(finding)
                    case .failed(let failure): failures.append(failure)
                    }
                }
            }
            results.set(chunk, (findings, failures))
        }
        var findings = [Finding]()
        var failures = [RuleFailure]()
        for (f, e) in results.values {
            findings += f
            failures += e
        }
        findings.sort(by: Finding.precedes)
        failures.sort { ($0.idNumber, $0.ruleID) < ($1.idNumber, $1.ruleID) }
        return BatchResult(findings: findings, failures: failures, persons: timelines.count, seconds: Date().timeIntervalSince(start))
    }

    /// Which terms are certainly false where, one bit per distinct term, per record (by list) and
    /// per person: the column scan, then the native pass over what it leaves.
    static func scan(_ plan: ColumnPlan, _ population: ColumnarPopulation, index: PopulationIndex, workers: Int) -> BitTable {
        let recordBits: [UnsafeMutableBufferPointer<UInt64>] = TimelineList.allCases.map { list in
            let terms = plan.recordTerms[list.rawValue]
            let count = Int(population.starts[list.rawValue].last ?? 0)
            return Self.falseBits(terms, count: count, owners: population.owners[list.rawValue], columns: population.columns, workers: workers)
        }
        let personBits = Self.falseBits(plan.personTerms, count: population.timelines.count, owners: nil, columns: population.columns, workers: workers)
        let table = BitTable(records: recordBits, persons: personBits)
        decideNativeTerms(plan, population, index: index, table, workers: workers)
        return table
    }

    /// Whether rule `r` of the plan can match person `p` (``isCandidate(_:_:_:_:)``), asking
    /// its ``QuickCandidacy`` first and the whole test only after a "maybe".
    @inline(__always)
    static func canMatch(_ plan: ColumnPlan, _ r: Int, _ p: Int, _ population: ColumnarPopulation, _ table: BitTable) -> Bool {
        switch plan.quick[r].answer(p, population, table) {
        case .no: false
        case .yes: true
        case .maybe: isCandidate(plan.rules[r], p, population, table)
        }
    }

    /// Whether a rule can match person `p`: it has a record of the rule's list that no record
    /// term of the rule rules out, the lists the rule needs, and no person term rules them out.
    @inline(__always)
    static func isCandidate(
        _ c: ColumnPlan.Candidacy, _ p: Int, _ population: ColumnarPopulation, _ table: BitTable
    ) -> Bool {
        var records = 0..<0
        if let list = c.list {
            records = population.records(list, of: p)
            if records.isEmpty { return false }
        }
        for list in c.requiredLists where population.records(list, of: p).isEmpty { return false }
        if c.personMask != 0 && table.persons[p] & c.personMask != 0 { return false }
        if c.needsImprisonment && !population.timelines[p].custody.contains(where: { $0.kind == .imprisonment }) {
            return false
        }
        var joins = false
        if !c.requirements.isEmpty, let iterated = c.iteratedLists,
            iterated.reduce(0, { $0 + population.records($1, of: p).count }) < c.costLimit
        {
            joins = !c.selfJoins.isEmpty
            for (list, mask) in c.requirements {
                let range = population.records(list, of: p)
                if range.isEmpty { return false }
                if mask != 0 {
                    let bits = table.records[list.rawValue]
                    guard range.contains(where: { bits[$0] & mask == 0 }) else { return false }
                }
            }
        }
        if let list = c.list, c.recordMask != 0 || joins {
            let bits = table.records[list.rawValue]
            let left = records.contains { i in
                (bits.isEmpty || bits[i] & c.recordMask == 0)
                    && (!joins || c.selfJoins.allSatisfy({ Self.hasPartner(i, records, $0, bits, population.columns) }))
            }
            if !left { return false }
        }
        // Last, as the dearest: a pass over the person's payments per bound.
        for bound in c.countBounds where bound.upperBound(population.timelines[p].payments) <= bound.limit { return false }
        return true
    }

    /// Whether record `i` has a partner among `records` for a self-join: one the join's partner
    /// terms do not rule out, whose joined fields may equal the record's.
    @inline(__always)
    static func hasPartner(
        _ i: Int, _ records: Range<Int>, _ join: ColumnPlan.SelfJoin, _ bits: UnsafeMutableBufferPointer<UInt64>, _ columns: [RecordColumn]
    ) -> Bool {
        partners: for j in records where !(join.excludesSelf && j == i) {
            if join.mask != 0 && !bits.isEmpty && bits[j] & join.mask != 0 { continue }
            for (a, b) in join.equal {
                let (x, y) = (columns[a], columns[b])
                // Values of one kind that differ (texts by hash) are certainly unequal.
                if let kind = x.kind, kind == y.kind, kind != .mixed, kind != .bool, x.numbers[j] != y.numbers[i] {
                    continue partners
                }
            }
            return true
        }
        return false
    }

    /// For each of `count` records (or persons), the bits of the terms certainly false there;
    /// `owners` gives each record's person (nil for persons). The buffer is allocated here and
    /// owned by the caller (``BitTable``); each worker zeroes its own part first, so the pages
    /// are first touched in parallel and never copied.
    static func falseBits(
        _ terms: [ColumnPredicate], count: Int, owners: [Int32]?, columns: [RecordColumn], workers: Int
    ) -> UnsafeMutableBufferPointer<UInt64> {
        guard !terms.isEmpty else { return UnsafeMutableBufferPointer(start: nil, count: 0) }
        let bits = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: count)
        let chunkCount = max(1, min(count / 65_536 + 1, workers * 4))
        let chunkSize = (count + chunkCount - 1) / chunkCount
        let out = UnsafeSendableBuffer(bits)
        RecordColumn.withViews(columns) { views in
            let shared = UnsafeSendableBuffer(UnsafeMutableBufferPointer(mutating: views))
            // Terms, owners and columns are read in place: copying a term (an indirect enum)
            // or passing an array along retains it, once per record and term.
            let owners = owners ?? []
            terms.withUnsafeBufferPointer { terms in
                owners.withUnsafeBufferPointer { owners in
                    columns.withUnsafeBufferPointer { columns in
                        let sharedTerms = UnsafeSendableBuffer(UnsafeMutableBufferPointer(mutating: terms))
                        let sharedOwners = UnsafeSendableBuffer(UnsafeMutableBufferPointer(mutating: owners))
                        let sharedColumns = UnsafeSendableBuffer(UnsafeMutableBufferPointer(mutating: columns))
                        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                            let views = UnsafeBufferPointer(shared.buffer)
                            let terms = UnsafeBufferPointer(sharedTerms.buffer)
                            let owners = sharedOwners.buffer
                            let columns = UnsafeBufferPointer(sharedColumns.buffer)
                            let range = min(count, chunk * chunkSize)..<min(count, (chunk + 1) * chunkSize)
                            if !range.isEmpty { (out.buffer.baseAddress! + range.lowerBound).initialize(repeating: 0, count: range.count) }
                            // Term by term over the chunk: each term's case is read once, not
                            // once per record (reading an indirect enum's payload retains it).
                            for n in terms.indices {
                                terms[n].markFalse(1 << UInt64(n), range, UnsafeBufferPointer(owners), views, columns, out.buffer)
                            }
                        }
                    }
                }
            }
        }
        return bits
    }
}

/// A buffer parallel workers write disjoint parts of.
struct UnsafeSendableBuffer<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T>
    init(_ buffer: UnsafeMutableBufferPointer<T>) { self.buffer = buffer }
}

extension RuleEngine {
    /// For each rule, how many persons of the population its column scan and native pass leave
    /// as candidates (the persons the rule is run on), in rule order: where a batch's time goes.
    /// The native terms that read other persons need the batch's `index`.
    public func candidateCounts(_ population: ColumnarPopulation, index: PopulationIndex = .empty) -> [(id: String, persons: Int)] {
        let plan = columnPlan
        let bits = Self.scan(plan, population, index: index, workers: 1)
        return rules.indices.map { r in
            let n = population.timelines.indices.reduce(0) { n, p in
                n + (Self.isCandidate(plan.rules[r], p, population, bits) ? 1 : 0)
            }
            return (rules[r].spec.id, n)
        }
    }
}

extension RuleEngine {
    /// The native terms of the column plan (the record named `R`), the name of the column kernel
    /// that decides each (nil: its closure decides it, record by record) and the rules using it:
    /// where the batch's native pass spends its time.
    public var nativeTermKernels: [(term: String, kernel: String?, rules: [String])] {
        columnPlan.nativeTerms.map { term in
            (term.text, term.kernel?.name, term.users.map { rules[$0].spec.id })
        }
    }
}
