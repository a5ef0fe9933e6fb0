import Foundation
import RiskModels

/// Labelled tables built in code: the label depends on known features in known ways, so tests
/// can check that the models find them.
enum SyntheticData {
    /// `rows` rows: x0 and x1 drive the label through an interaction, x2 linearly, `noise` not
    /// at all, `region` (categorical, 6 levels) raises the odds for levels "c" and "e", and x3 is
    /// missing for a fifth of the rows (missingness raises the odds).
    static func classification(rows: Int, seed: UInt64) -> (data: Dataset, labels: [Double]) {
        var generator = SeededGenerator(seed: seed)
        var x0: [Double] = []
        var x1: [Double] = []
        var x2: [Double] = []
        var x3: [Double] = []
        var noise: [Double] = []
        var region: [Int32] = []
        var labels: [Double] = []
        for _ in 0..<rows {
            let a = generator.nextUnit() * 2 - 1
            let b = generator.nextUnit() * 2 - 1
            let c = generator.nextUnit() * 2 - 1
            let missing = generator.nextUnit() < 0.2
            let d = generator.nextUnit()
            let level = Int32(generator.next() % 6)
            let margin = 3 * (a > 0 && b > 0 ? 1 : -0.5) + 1.5 * c + (level == 2 || level == 4 ? 1.5 : -0.5)
                + (missing ? 1 : 0)
            let p = 1 / (1 + exp(-margin))
            x0.append(a)
            x1.append(b)
            x2.append(c)
            x3.append(missing ? .nan : d)
            noise.append(generator.nextUnit())
            region.append(level)
            labels.append(generator.nextUnit() < p ? 1 : 0)
        }
        let data = try! Dataset(
            names: ["x0", "x1", "x2", "x3", "noise", "region"],
            columns: [
                .numeric(x0), .numeric(x1), .numeric(x2), .numeric(x3), .numeric(noise),
                .categorical(codes: region, levels: ["a", "b", "c", "d", "e", "f"]),
            ])
        return (data, labels)
    }

    /// Gaussian inliers in `features` dimensions and `outliers` rows far out in feature 1 only;
    /// labels mark the outliers.
    static func outliers(inliers: Int, outliers: Int, features: Int, seed: UInt64) -> (data: Dataset, labels: [Double]) {
        var generator = SeededGenerator(seed: seed)
        func gaussian() -> Double {
            let u = max(generator.nextUnit(), 1e-12)
            let v = generator.nextUnit()
            return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
        }
        var columns = [[Double]](repeating: [], count: features)
        var labels: [Double] = []
        for row in 0..<(inliers + outliers) {
            let isOutlier = row >= inliers
            for f in 0..<features {
                columns[f].append(isOutlier && f == 1 ? 6 + gaussian() : gaussian())
            }
            labels.append(isOutlier ? 1 : 0)
        }
        let data = try! Dataset(names: (0..<features).map { "f\($0)" }, columns: columns.map { .numeric($0) })
        return (data, labels)
    }
}
