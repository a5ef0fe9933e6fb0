import Foundation

/// Why a pair scored what it did: the prior, then each comparison's contribution in bits —
/// the waterfall that Splink draws.
public struct PairExplanation: Sendable, Hashable, CustomStringConvertible {
    /// One bar of the waterfall.
    public struct Term: Sendable, Hashable {
        /// `prior`, a column name, or `tf <column>` for a term-frequency adjustment.
        public let name: String
        /// The level label (e.g. `jaro_winkler >= 0.95`, `exact`, `null`), or the value for tf terms.
        public let level: String
        /// The values compared, left and right.
        public let values: (String, String)
        /// The Bayes factor (2^weight).
        public var bayesFactor: Double { pow2(weight) }
        /// The contribution in bits (log2 of the Bayes factor).
        public let weight: Double

        public static func == (a: Term, b: Term) -> Bool {
            a.name == b.name && a.level == b.level && a.weight == b.weight && a.values == b.values
        }
        public func hash(into hasher: inout Hasher) {
            hasher.combine(name)
            hasher.combine(level)
            hasher.combine(weight)
        }
    }

    /// The ids of the two records.
    public let leftID: String
    public let rightID: String
    /// The terms, the prior first.
    public let terms: [Term]
    /// Whether a deterministic rule declared the pair a match (probability 1 whatever the weight).
    public let deterministicRule: String?

    /// The total match weight.
    public var matchWeight: Double { terms.reduce(0) { $0 + $1.weight } }
    /// The match probability.
    public var matchProbability: Double {
        deterministicRule == nil ? FellegiSunterModel.probability(weight: matchWeight) : 1
    }

    public var description: String {
        var lines = [
            "\(leftID) ~ \(rightID): weight \(String(format: "%.3f", matchWeight)), probability \(String(format: "%.6f", matchProbability))"
        ]
        if let deterministicRule { lines.append("  deterministic rule \(deterministicRule) matches") }
        var running = 0.0
        for term in terms {
            running += term.weight
            let values = term.name == "prior" ? "" : "  (\(term.values.0) | \(term.values.1))"
            lines.append(
                "  \(term.name): \(term.level)  \(term.weight >= 0 ? "+" : "")\(term.weight.rounded(to: 3)) bits → \(running.rounded(to: 3))\(values)"
            )
        }
        return lines.joined(separator: "\n")
    }
}

extension Double {
    func rounded(to places: Int) -> Double {
        let scale = pow2(Double(places) * log2(10))
        return (self * scale).rounded() / scale
    }
}
