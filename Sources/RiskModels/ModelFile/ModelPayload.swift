/// The saved content of a model: the part of a model file that its SHA-256 covers.
struct ModelPayload: Codable, Sendable {
    var kind: RiskModel.Kind
    var schema: FeatureSchema
    var summary: TrainingSummary
    var calibration: Calibration?
    var logistic: Logistic?
    var gbdt: GBDT?
    var iforest: IForest?

    struct Logistic: Codable, Sendable {
        var parameters: LogisticParameters
        var intercept: Double
        var terms: [LogisticRegression.Term]
    }

    struct GBDT: Codable, Sendable {
        var parameters: GBDTParameters
        var initialScore: Double
        var bins: [FeatureBins]
        var trees: [RegressionTree]
    }

    struct IForest: Codable, Sendable {
        var parameters: IsolationForestParameters
        var samplesPerTree: Int
        var levelShares: [[Double]?]
        var roots: [Int]
        var nodes: [IsolationForest.Node]
    }

    init(_ model: RiskModel) {
        kind = model.kind
        schema = model.schema
        summary = model.summary
        calibration = model.calibration
        switch model.body {
        case .logistic(let m):
            logistic = Logistic(parameters: m.parameters, intercept: m.intercept, terms: m.terms)
        case .gbdt(let m):
            gbdt = GBDT(parameters: m.parameters, initialScore: m.initialScore, bins: m.bins, trees: m.trees)
        case .isolationForest(let m):
            iforest = IForest(
                parameters: m.parameters, samplesPerTree: m.samplesPerTree, levelShares: m.levelShares, roots: m.roots,
                nodes: m.nodes)
        }
    }

    /// The model, after checking that the parts fit together (so a hand-made file cannot make
    /// scoring index out of range).
    func model(file: String) throws(RiskModelError) -> RiskModel {
        let featureCount = schema.features.count
        func bad(_ what: String) -> RiskModelError { RiskModelError(.badModelFile, "\(file): \(what)") }
        switch kind {
        case .logistic:
            guard let logistic, logistic.terms.count == featureCount else { throw bad("logistic terms do not match the features") }
            return RiskModel(
                .logistic(
                    LogisticRegression(
                        schema: schema, terms: logistic.terms, intercept: logistic.intercept,
                        parameters: logistic.parameters, summary: summary)), calibration: calibration)
        case .gbdt:
            guard let gbdt, gbdt.bins.count == featureCount else { throw bad("gbdt bins do not match the features") }
            for tree in gbdt.trees {
                guard !tree.leaves.isEmpty else { throw bad("a tree has no leaf") }
                // Children come after their parent, so a walk always ends.
                for (index, node) in tree.nodes.enumerated() {
                    let refsOK = [node.left, node.right].allSatisfy {
                        $0 >= 0 ? $0 > index && $0 < tree.nodes.count : ~$0 < tree.leaves.count
                    }
                    guard node.feature >= 0, node.feature < featureCount, refsOK else { throw bad("a tree node points outside the tree") }
                }
            }
            return RiskModel(
                .gbdt(
                    GradientBoostedTrees(
                        schema: schema, bins: gbdt.bins, initialScore: gbdt.initialScore, trees: gbdt.trees,
                        parameters: gbdt.parameters, summary: summary)), calibration: calibration)
        case .iforest:
            guard let iforest, iforest.levelShares.count == featureCount else {
                throw bad("isolation forest does not match the features")
            }
            for (index, node) in iforest.nodes.enumerated() where node.feature >= 0 {
                guard node.feature < featureCount, ((index + 1)..<iforest.nodes.count).contains(node.left),
                    ((index + 1)..<iforest.nodes.count).contains(node.right)
                else { throw bad("an isolation tree node points outside the forest") }
            }
            guard iforest.roots.allSatisfy({ (0..<iforest.nodes.count).contains($0) }) else {
                throw bad("an isolation tree root points outside the forest")
            }
            return RiskModel(
                .isolationForest(
                    IsolationForest(
                        schema: schema, parameters: iforest.parameters, summary: summary,
                        levelShares: iforest.levelShares, nodes: iforest.nodes, roots: iforest.roots,
                        samplesPerTree: iforest.samplesPerTree)), calibration: calibration)
        }
    }
}
