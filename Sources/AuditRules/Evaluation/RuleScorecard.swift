/// Precision, recall and F1 of the rules against labelled truth (the simulator's truth.csv),
/// counted over persons: a rule is right about a person when the truth names that rule for them.
public struct RuleScorecard: Sendable {
    /// The counts of one rule (or of all rules together).
    public struct Counts: Sendable, Hashable {
        public var truePositives = 0
        public var falsePositives = 0
        public var falseNegatives = 0

        /// Counts from their parts.
        public init(truePositives: Int = 0, falsePositives: Int = 0, falseNegatives: Int = 0) {
            self.truePositives = truePositives
            self.falsePositives = falsePositives
            self.falseNegatives = falseNegatives
        }

        public var precision: Double? {
            truePositives + falsePositives == 0 ? nil : Double(truePositives) / Double(truePositives + falsePositives)
        }
        public var recall: Double? {
            truePositives + falseNegatives == 0 ? nil : Double(truePositives) / Double(truePositives + falseNegatives)
        }
        public var f1: Double? {
            guard let p = precision, let r = recall, p + r > 0 else { return nil }
            return 2 * p * r / (p + r)
        }
    }

    /// Counts per rule id, for every rule that fired or was expected.
    public private(set) var byRule: [String: Counts] = [:]
    /// Persons a rule should have flagged and did not: (rule id, ID number).
    public private(set) var misses: [(rule: String, idNumber: String)] = []
    /// Persons a rule flagged that the truth does not name for it.
    public private(set) var falseAlarms: [(rule: String, idNumber: String)] = []

    /// Persons flagged by any alerting rule, and how many of them carry some planted scheme:
    /// a person-level view where a true finding by another rule is not a false alarm.
    public private(set) var persons: Counts = Counts()

    /// Scores findings against the expected (ID number → rule ids) labels. Shadow findings
    /// raise no alert and are left out.
    public init(findings: [Finding], expected: [String: Set<String>]) {
        var found = [String: Set<String>]()
        for f in findings where !f.shadow { found[f.ruleID, default: []].insert(f.idNumber) }
        let flagged = Set(found.values.joined())
        let labelled = Set(expected.filter { !$0.value.isEmpty }.keys)
        persons = Counts(
            truePositives: flagged.intersection(labelled).count, falsePositives: flagged.subtracting(labelled).count,
            falseNegatives: labelled.subtracting(flagged).count)
        var wanted = [String: Set<String>]()
        for (id, rules) in expected { for r in rules { wanted[r, default: []].insert(id) } }
        for rule in Set(found.keys).union(wanted.keys) {
            let f = found[rule] ?? [], w = wanted[rule] ?? []
            byRule[rule] = Counts(
                truePositives: f.intersection(w).count, falsePositives: f.subtracting(w).count,
                falseNegatives: w.subtracting(f).count)
            misses += w.subtracting(f).sorted().map { (rule, $0) }
            falseAlarms += f.subtracting(w).sorted().map { (rule, $0) }
        }
        misses.sort { ($0.rule, $0.idNumber) < ($1.rule, $1.idNumber) }
        falseAlarms.sort { ($0.rule, $0.idNumber) < ($1.rule, $1.idNumber) }
    }

    /// All rules together (micro-averaged over person–rule pairs).
    public var overall: Counts {
        byRule.values.reduce(into: Counts()) {
            $0.truePositives += $1.truePositives
            $0.falsePositives += $1.falsePositives
            $0.falseNegatives += $1.falseNegatives
        }
    }

    /// Only the rules the truth names at least once (the planted schemes).
    public func overall(plantedOnly: Bool) -> Counts {
        guard plantedOnly else { return overall }
        return byRule.filter { $0.value.truePositives + $0.value.falseNegatives > 0 }.values.reduce(into: Counts()) {
            $0.truePositives += $1.truePositives
            $0.falsePositives += $1.falsePositives
            $0.falseNegatives += $1.falseNegatives
        }
    }
}
