import Dispatch
import Foundation

/// Runs entity resolution over tables: blocking, deterministic first pass, model training,
/// scoring, clustering and golden records. Keeps what it prepared so pairs can be explained.
public final class Linker: Sendable {
    /// The settings of the run.
    public let settings: LinkageSettings
    let store: RecordStore
    let scorer: PatternScorer
    /// The comparisons' encoded columns by name, which blocking reuses.
    private let encodedColumns: [String: EncodedColumn]
    /// The term-frequency-adjusted comparisons' indices.
    private let tfComparisons: [Int]

    /// Prepares the inputs (one for dedupe, two or more for link); throws when a column is missing.
    public init(settings: LinkageSettings, inputs: [Table]) throws(LinkageError) {
        switch settings.mode {
        case .dedupe where inputs.count != 1:
            throw LinkageError(
                .badConfig, "mode dedupe takes one input, not \(inputs.count); use mode link for several")
        case .link where inputs.count < 2:
            throw LinkageError(
                .badConfig, "mode link takes two or more inputs, not \(inputs.count); use mode dedupe for one")
        default: break
        }
        guard !settings.comparisons.isEmpty else {
            throw LinkageError(.badConfig, "no comparisons; add at least one under `comparisons`")
        }
        self.settings = settings
        let store = RecordStore(tables: inputs)
        self.store = store
        // Each compared column read and interned once, the columns side by side on every core:
        // on a million records interning is most of the time before blocking.
        var names = [String]()
        var raw = [[String]]()
        for c in settings.comparisons where !names.contains(c.column) {
            names.append(c.column)
            raw.append(try store.values(of: c.column, usedBy: "comparison \(c.method.rawValue)"))
        }
        let columns = Self.encodeConcurrently(raw)
        raw = []
        let encoded = Dictionary(uniqueKeysWithValues: zip(names, columns))
        let prepared = settings.comparisons.map { PreparedComparison($0, column: encoded[$0.column]!) }
        self.scorer = try PatternScorer(prepared: prepared)
        self.encodedColumns = encoded
        self.tfComparisons = settings.comparisons.indices.filter { settings.comparisons[$0].termFrequencyAdjusted }
    }

    /// Interns each column, several at once.
    static func encodeConcurrently(_ raw: [[String]]) -> [EncodedColumn] {
        final class Slots: @unchecked Sendable {
            var columns: [EncodedColumn?]
            init(_ n: Int) { columns = [EncodedColumn?](repeating: nil, count: n) }
        }
        let slots = Slots(raw.count)
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: raw.count) { i in
            let column = EncodedColumn(raw[i])
            lock.withLock { slots.columns[i] = column }
        }
        return slots.columns.map { $0! }
    }

    /// The number of records of all inputs.
    public var recordCount: Int { store.count }

    /// Runs the whole resolution. `progress` hears what happens, for stderr.
    public func run(progress: @escaping @Sendable (String) -> Void = { _ in }) throws(LinkageError) -> LinkageResult {
        let clock = ContinuousClock()
        var started = clock.now
        func lap(_ what: String) {
            let now = clock.now
            progress("\(what) (\((now - started).formatted))")
            started = now
        }
        let linkOnly = settings.mode == .link
        let rules = settings.blocking + settings.deterministic
        let blocker = Blocker(linkAcrossInputsOnly: linkOnly, maxPairs: settings.maxPairs)
        let candidates = try blocker.pairs(rules: rules, store: store, columns: encodedColumns, progress: progress)
        lap("\(candidates.count) candidate pairs from \(rules.count) rules")

        // Patterns of every candidate pair, in parallel.
        let patterns = computePatterns(candidates)
        lap("compared \(candidates.count) pairs")

        // Which pairs a deterministic rule declares matches.
        let firstDeterministic = settings.blocking.count
        var deterministicRule = [Int8](repeating: -1, count: candidates.count)
        if !settings.deterministic.isEmpty {
            for i in 0..<candidates.count {
                let a = Int(candidates.left[i])
                let b = Int(candidates.right[i])
                for r in firstDeterministic..<rules.count where candidates.agree(rule: r, a, b) {
                    deterministicRule[i] = Int8(r - firstDeterministic)
                    break
                }
            }
        }

        // Histograms: every candidate (for the prior) and each blocking rule's own pairs (for m),
        // counted in flat arrays when the pattern space is small (it nearly always is).
        let patternSpace = scorer.patternSpace
        let dense = patternSpace <= 1 << 22
        let ruleCount = settings.blocking.count
        var all = Training.Histogram()
        var byRule = [Training.Histogram](repeating: [:], count: ruleCount)
        var certain = 0.0
        if dense {
            // One flat array for every rule (rule r at r * patternSpace): a nested array would
            // check its inner buffer's uniqueness on each of the tens of millions of increments.
            var allCounts = [Double](repeating: 0, count: patternSpace)
            var ruleCounts = [Double](repeating: 0, count: patternSpace * ruleCount)
            allCounts.withUnsafeMutableBufferPointer { allCounts in
                ruleCounts.withUnsafeMutableBufferPointer { ruleCounts in
                    for i in 0..<candidates.count {
                        let p = Int(patterns[i])
                        if deterministicRule[i] >= 0 { certain += 1 } else { allCounts[p] += 1 }
                        let a = Int(candidates.left[i])
                        let b = Int(candidates.right[i])
                        for r in 0..<ruleCount where candidates.agree(rule: r, a, b) { ruleCounts[r * patternSpace + p] += 1 }
                    }
                }
            }
            for p in 0..<patternSpace where allCounts[p] > 0 { all[UInt32(p)] = allCounts[p] }
            for r in 0..<ruleCount {
                for p in 0..<patternSpace where ruleCounts[r * patternSpace + p] > 0 {
                    byRule[r][UInt32(p)] = ruleCounts[r * patternSpace + p]
                }
            }
        } else {
            for i in 0..<candidates.count {
                if deterministicRule[i] >= 0 { certain += 1 } else { all[patterns[i], default: 0] += 1 }
                let a = Int(candidates.left[i])
                let b = Int(candidates.right[i])
                for r in 0..<ruleCount where candidates.agree(rule: r, a, b) { byRule[r][patterns[i], default: 0] += 1 }
            }
        }
        lap("counted comparison patterns")

        var model = FellegiSunterModel(comparisons: settings.comparisons)
        Training.estimateU(
            model: &model, scorer: scorer, store: store, linkAcrossInputsOnly: linkOnly,
            sampleSize: settings.uSampleSize, seed: settings.seed)
        lap("estimated u from \(settings.uSampleSize) random pairs")

        var mSums = settings.comparisons.map { [Double](repeating: 0, count: $0.levelCount) }
        var mRuns = [Int](repeating: 0, count: settings.comparisons.count)
        for (r, rule) in settings.blocking.enumerated() {
            let blocked = Set(rule.keys.map(\.column))
            let included = settings.comparisons.indices.filter { !blocked.contains(settings.comparisons[$0].column) }
            let (m, share) = Training.expectationMaximisation(
                histogram: byRule[r], model: model, scorer: scorer, included: included,
                iterations: settings.emIterations)
            for (k, levels) in m {
                for l in levels.indices { mSums[k][l] += levels[l] }
                mRuns[k] += 1
            }
            progress("EM on blocking rule \(rule): match share \(share.rounded(to: 5)) of its pairs")
        }
        for k in settings.comparisons.indices where mRuns[k] > 0 {
            model.m[k] = mSums[k].map { $0 / Double(mRuns[k]) }
            model.mTrained[k] = true
        }
        for k in settings.comparisons.indices where !model.mTrained[k] {
            progress(
                "m of \(settings.comparisons[k].column) not trained (every blocking rule blocks on it); starting values kept"
            )
        }
        model.prior = Training.estimatePrior(
            histogram: all, certainMatches: certain, totalPairs: totalPairs(), model: model, scorer: scorer)
        lap("trained: prior \(model.prior)")

        // Scores: one weight per pattern, then term-frequency adjustments per pair.
        var weightOf = [UInt32: Double]()
        for p in Set(patterns) { weightOf[p] = model.priorWeight + log2(scorer.bayesFactor(pattern: p, model: model)) }
        var denseWeights = [Double]()
        if dense {
            denseWeights = [Double](repeating: 0, count: patternSpace)
            for (p, w) in weightOf { denseWeights[Int(p)] = w }
        }
        let tf = tfTables(model: model)
        var links = [ScoredPair]()
        for i in 0..<candidates.count {
            let a = Int(candidates.left[i])
            let b = Int(candidates.right[i])
            var w = dense ? denseWeights[Int(patterns[i])] : weightOf[patterns[i]]!
            for (t, k) in tfComparisons.enumerated() { w += tfAdjustment(tf[t], k: k, a, b) }
            let p = deterministicRule[i] >= 0 ? 1 : FellegiSunterModel.probability(weight: w)
            if p >= settings.threshold {
                links.append(ScoredPair(left: Int32(a), right: Int32(b), probability: p, weight: w))
            }
        }
        lap("scored: \(links.count) pairs at or above \(settings.threshold)")

        let clusterer = Clusterer(
            recordCount: store.count, threshold: settings.threshold, guardEnabled: settings.clusterGuard
        ) {
            [self] a, b in self.probability(a, b, model: model, tf: tf)
        }
        let clusters = clusterer.cluster(links)
        lap("clustered into \(clusters.count) entities (\(clusterer.rejectedMerges) merges refused by the guard)")
        return LinkageResult(
            linker: self, model: model, termFrequencies: tf, links: links, clusterOf: clusters.clusterOf,
            clusterCount: clusters.count,
            rejectedMerges: clusters.rejected,
            blockingReport: rules.indices.map {
                BlockingReport(
                    rule: rules[$0].description, deterministic: $0 >= firstDeterministic,
                    pairs: candidates.madeByRule[$0], newPairs: candidates.addedByRule[$0])
            },
            candidatePairs: candidates.count)
    }

    /// Number of pairs the mode allows in all.
    func totalPairs() -> Double {
        let n = Double(store.count)
        if settings.mode == .dedupe { return n * (n - 1) / 2 }
        let sizes = store.tables.map { Double($0.count) }
        var total = 0.0
        for i in sizes.indices { for j in (i + 1)..<sizes.count { total += sizes[i] * sizes[j] } }
        return max(total, 1)
    }

    private func computePatterns(_ candidates: CandidatePairs) -> [UInt32] {
        let n = candidates.count
        var patterns = [UInt32](repeating: 0, count: n)
        let chunks = max(1, min(16, n / 100_000))
        let scorer = self.scorer
        patterns.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out
            candidates.left.withUnsafeBufferPointer { left in
                candidates.right.withUnsafeBufferPointer { right in
                    nonisolated(unsafe) let left = left
                    nonisolated(unsafe) let right = right
                    DispatchQueue.concurrentPerform(iterations: chunks) { c in
                        let lo = n * c / chunks
                        let hi = n * (c + 1) / chunks
                        // Comparison by comparison, so each prepared comparison is fetched once
                        // per chunk rather than once per pair.
                        for k in scorer.prepared.indices {
                            let comparison = scorer.prepared[k]
                            let radix = scorer.radix[k]
                            if comparison.comparison.method == .exact {
                                for i in lo..<hi {
                                    out[i] &+= UInt32(comparison.level(Int(left[i]), Int(right[i]))) &* radix
                                }
                            } else {
                                var cache = LevelCache()
                                for i in lo..<hi {
                                    out[i] &+=
                                        UInt32(comparison.level(Int(left[i]), Int(right[i]), cache: &cache)) &* radix
                                }
                            }
                        }
                    }
                }
            }
        }
        return patterns
    }

    /// For each tf comparison: log2(u_exact / frequency) of each distinct value.
    private func tfTables(model: FellegiSunterModel) -> [[Double]] {
        tfComparisons.map { k in
            let column = scorer.prepared[k].column
            let u0 = model.u[k][0]
            let floor = 1 / Double(max(column.nonNullCount, 1))
            return column.counts.indices.map { v in log2(u0 / max(column.frequency(Int32(v)), floor)) }
        }
    }

    @inline(__always)
    private func tfAdjustment(_ table: [Double], k: Int, _ a: Int, _ b: Int) -> Double {
        let codes = scorer.prepared[k].column.codes
        let ca = codes[a]
        guard ca >= 0, ca == codes[b] else { return 0 }
        return table[Int(ca)]
    }

    /// The match weight of any two records (candidates or not).
    func weight(_ a: Int, _ b: Int, model: FellegiSunterModel, tf: [[Double]]) -> Double {
        var w = model.priorWeight + log2(scorer.bayesFactor(pattern: scorer.pattern(a, b), model: model))
        for (t, k) in tfComparisons.enumerated() { w += tfAdjustment(tf[t], k: k, a, b) }
        return w
    }

    func probability(_ a: Int, _ b: Int, model: FellegiSunterModel, tf: [[Double]]) -> Double {
        for rule in settings.deterministic where agreesExactly(rule, a, b) { return 1 }
        return FellegiSunterModel.probability(weight: weight(a, b, model: model, tf: tf))
    }

    private func agreesExactly(_ rule: BlockingRule, _ a: Int, _ b: Int) -> Bool {
        for key in rule.keys {
            guard let t1 = store.tables[Int(store.source[a])].columnIndex(key.column),
                let t2 = store.tables[Int(store.source[b])].columnIndex(key.column)
            else { return false }
            let va = key.derive(store.tables[Int(store.source[a])].columns[t1][Int(store.row[a])].trimmingSpaces())
            let vb = key.derive(store.tables[Int(store.source[b])].columns[t2][Int(store.row[b])].trimmingSpaces())
            if va.isEmpty || va != vb { return false }
        }
        return true
    }

    /// Explains the score of records `a` and `b` (global indices) under `model`.
    /// `tf` may carry the run's term-frequency tables, which are costly to rebuild for every pair.
    func explain(_ a: Int, _ b: Int, model: FellegiSunterModel, tf: [[Double]]? = nil) -> PairExplanation {
        let tf = tf ?? tfTables(model: model)
        var terms = [
            PairExplanation.Term(
                name: "prior", level: "1 in \(Int((1 / model.prior).rounded())) pairs", values: ("", ""),
                weight: model.priorWeight)
        ]
        for (k, prepared) in scorer.prepared.enumerated() {
            let level = Int(prepared.level(a, b))
            let column = prepared.column
            let va = column.codes[a] >= 0 ? column.values[Int(column.codes[a])] : ""
            let vb = column.codes[b] >= 0 ? column.values[Int(column.codes[b])] : ""
            terms.append(
                .init(
                    name: prepared.comparison.column, level: prepared.comparison.label(ofLevel: level),
                    values: (va, vb),
                    weight: log2(model.bayesFactor(k, level: level))))
            if let t = tfComparisons.firstIndex(of: k) {
                let adjustment = tfAdjustment(tf[t], k: k, a, b)
                if adjustment != 0 {
                    terms.append(
                        .init(name: "tf \(prepared.comparison.column)", level: va, values: (va, vb), weight: adjustment)
                    )
                }
            }
        }
        let rule = settings.deterministic.first { agreesExactly($0, a, b) }
        return PairExplanation(
            leftID: store.id(a), rightID: store.id(b), terms: terms, deterministicRule: rule?.description)
    }
}

extension Duration {
    /// Seconds with two decimals.
    var formatted: String {
        let s = Double(components.seconds) + Double(components.attoseconds) / 1e18
        return "\((s * 100).rounded() / 100) s"
    }
}
