/// Retraining a supervised model from the labels gathered so far (case outcomes and, in a
/// simulation, the planted truth): when enough labels are new, a seeded stratified split
/// holds rows out, the model trains on the rest, and its quality is measured on the rows it
/// never saw.
public enum Retraining {
    /// Whether to train a new version.
    public enum Decision: Sendable, Equatable {
        case train
        /// Too few new labels: `have` of the `need`.
        case wait(have: Int, need: Int)
    }

    /// Train when at least `minimumNewLabels` labels arrived since the last version (always
    /// when there is no version yet and there are labels of both classes to learn from).
    public static func decide(newLabels: Int, minimumNewLabels: Int, hasVersion: Bool) -> Decision {
        if !hasVersion && newLabels > 0 { return .train }
        return newLabels >= minimumNewLabels ? .train : .wait(have: newLabels, need: minimumNewLabels)
    }

    /// How many labels are new since the last version (`last`: its labels and how many came from
    /// cases; nil before the first). Counting only growth would miss a decision about a person
    /// the simulator's truth already labelled, which may overturn that label: so every case
    /// decided since the last version counts, plus any growth of the other labels.
    public static func newLabelCount(
        labels: Int, caseLabels: Int, casesDecidedSinceLastVersion: Int, last: (labels: Int, caseLabels: Int)?
    ) -> Int {
        guard let last else { return labels }
        return casesDecidedSinceLastVersion + max(0, (labels - caseLabels) - (last.labels - last.caseLabels))
    }

    /// A new version and its held-out quality.
    public struct Result: Sendable {
        public var model: RiskModel
        public var quality: ModelQuality
        /// Rows the model trained on (the held-out ones excluded).
        public var trainingRows: Int
    }

    /// Holds out `heldOutFraction` of the rows (stratified by label, seeded), trains `kind` on
    /// the rest and measures AUC and precision at the top `k` on the held-out rows.
    ///
    /// Throws when either part would lack a class (too few labels of one kind to measure
    /// anything), naming the counts.
    public static func train(
        kind: RiskModel.Kind, data: Dataset, labels: [Double], heldOutFraction: Double = 0.3, k: Int = 100,
        options: RiskTrainingOptions = RiskTrainingOptions(), seed: UInt64 = 0
    ) throws(RiskModelError) -> Result {
        guard labels.count == data.rowCount else {
            throw RiskModelError(.badLabel, "retraining: \(labels.count) labels for \(data.rowCount) rows")
        }
        guard heldOutFraction > 0, heldOutFraction < 1 else {
            throw RiskModelError(.badParameter, "retraining: the held-out fraction must be in (0, 1), got \(heldOutFraction)")
        }
        let (trainRows, heldRows) = stratifiedSplit(labels: labels, fraction: heldOutFraction, seed: seed)
        let heldPositives = heldRows.filter { labels[$0] > 0.5 }.count
        let trainPositives = trainRows.filter { labels[$0] > 0.5 }.count
        guard heldPositives > 0, heldPositives < heldRows.count, trainPositives > 0, trainPositives < trainRows.count
        else {
            throw RiskModelError(
                .oneClass,
                "retraining: \(labels.filter { $0 > 0.5 }.count) positive and \(labels.filter { $0 <= 0.5 }.count) "
                    + "negative labels are too few to train and hold rows out; wait for more decided cases")
        }
        var options = options
        options.setSeed(seed)
        let model = try RiskModel.train(
            kind: kind, data: data.rows(trainRows), labels: kind == .iforest ? nil : trainRows.map { labels[$0] },
            options: options)
        let scores = try model.scores(data.rows(heldRows))
        let quality = ModelQuality.measure(scores: scores, labels: heldRows.map { labels[$0] }, k: k)
        return Result(model: model, quality: quality, trainingRows: trainRows.count)
    }

    /// A seeded split that holds out the same share of each class (rounded), so a rare
    /// positive class is measured on both sides.
    static func stratifiedSplit(labels: [Double], fraction: Double, seed: UInt64) -> (train: [Int], heldOut: [Int]) {
        var generator = SeededGenerator(seed: seed)
        var train: [Int] = []
        var held: [Int] = []
        for positive in [false, true] {
            var rows = labels.indices.filter { (labels[$0] > 0.5) == positive }
            rows.shuffle(using: &generator)
            let count = Int((Double(rows.count) * fraction).rounded())
            held += rows[..<count]
            train += rows[count...]
        }
        return (train.sorted(), held.sorted())
    }
}
