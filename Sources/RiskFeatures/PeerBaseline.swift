import Foundation

/// The median and robust scale of log amounts in one peer group, for robust z-scores of single
/// amounts (`(log x − median) / (MAD / 0.6745)`, the modified z of Iglewicz and Hoaglin).
///
/// Logs, because payment and settlement amounts are skewed: a bill ten times the usual one is
/// as unusual at 50 yuan as at 5,000.
struct PeerBaseline: Sendable {
    let median: Double
    let scale: Double

    /// The baseline of positive amounts in fen; nil when there are none.
    init?(fen amounts: [Int64]) {
        let logs = amounts.filter { $0 > 0 }.map { Foundation.log(Double($0)) }.sorted()
        guard !logs.isEmpty else { return nil }
        let median = Self.median(sorted: logs)
        let deviations = logs.map { abs($0 - median) }.sorted()
        let mad = Self.median(sorted: deviations)
        // When most amounts are equal (a flat pension), fall back to the mean deviation, then 1.
        let meanDeviation = deviations.reduce(0, +) / Double(deviations.count) * 1.2533
        self.median = median
        self.scale = mad > 0 ? mad / 0.6745 : (meanDeviation > 0 ? meanDeviation : 1)
    }

    /// The robust z of one amount in fen (NaN for amounts ≤ 0).
    func z(fen amount: Int64) -> Double {
        guard amount > 0 else { return .nan }
        return (Foundation.log(Double(amount)) - median) / scale
    }

    private static func median(sorted values: [Double]) -> Double {
        let mid = values.count / 2
        return values.count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2
    }
}
