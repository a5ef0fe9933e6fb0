/// A scored pair of records (global indices).
public struct ScoredPair: Sendable, Hashable {
    public let left: Int32
    public let right: Int32
    public let probability: Double
    public let weight: Double
}

/// Groups linked records into entities: connected components of the links, built from the
/// strongest link down, with a guard against chaining: two groups are not merged through a
/// link when more of the pairs across them score clearly below (probability < 1 − threshold)
/// than score at or above the threshold — one bad link cannot join two people's records.
final class Clusterer {
    let recordCount: Int
    let threshold: Double
    let guardEnabled: Bool
    /// The probability of any two records.
    let probability: (Int, Int) -> Double
    /// Merges the guard refused.
    private(set) var rejectedMerges = 0
    /// Above this many cross pairs the guard samples no further and lets the merge happen.
    let maxCrossPairs = 40_000

    init(recordCount: Int, threshold: Double, guardEnabled: Bool, probability: @escaping (Int, Int) -> Double) {
        self.recordCount = recordCount
        self.threshold = threshold
        self.guardEnabled = guardEnabled
        self.probability = probability
    }

    struct Clusters {
        /// The cluster of each record, numbered from 0 in order of each cluster's first record.
        let clusterOf: [Int32]
        let count: Int
        let rejected: Int
    }

    func cluster(_ links: [ScoredPair]) -> Clusters {
        var parent = Array(0..<Int32(recordCount))
        var members = [Int32: [Int32]]()
        func find(_ x: Int32) -> Int32 {
            var x = x
            while parent[Int(x)] != x {
                parent[Int(x)] = parent[Int(parent[Int(x)])]
                x = parent[Int(x)]
            }
            return x
        }
        let ordered = links.sorted {
            $0.probability != $1.probability ? $0.probability > $1.probability : $0.weight > $1.weight
        }
        for link in ordered {
            let ra = find(link.left)
            let rb = find(link.right)
            if ra == rb { continue }
            let ma = members[ra] ?? [ra]
            let mb = members[rb] ?? [rb]
            if guardEnabled && ma.count + mb.count > 2 && ma.count * mb.count <= maxCrossPairs {
                var strong = 0
                var against = 0
                for x in ma {
                    for y in mb {
                        let p = probability(Int(x), Int(y))
                        if p >= threshold { strong += 1 } else if p < 1 - threshold { against += 1 }
                    }
                }
                if against > strong {
                    rejectedMerges += 1
                    continue
                }
            }
            let (root, child) = ma.count >= mb.count ? (ra, rb) : (rb, ra)
            parent[Int(child)] = root
            members[root] = (ma.count >= mb.count ? ma + mb : mb + ma)
            members[child] = nil
        }
        var clusterOf = [Int32](repeating: -1, count: recordCount)
        var numberOfRoot = [Int32: Int32]()
        var next: Int32 = 0
        for r in 0..<Int32(recordCount) {
            let root = find(r)
            if let n = numberOfRoot[root] {
                clusterOf[Int(r)] = n
            } else {
                numberOfRoot[root] = next
                clusterOf[Int(r)] = next
                next += 1
            }
        }
        return Clusters(clusterOf: clusterOf, count: Int(next), rejected: rejectedMerges)
    }
}
