import Testing

@testable import RiskModels

@Suite struct GradientBoostedTreesTests {
    @Test func learnsInteractionsCategoriesAndMissingness() throws {
        let (train, labels) = SyntheticData.classification(rows: 6000, seed: 1)
        let (test, testLabels) = SyntheticData.classification(rows: 3000, seed: 2)
        let model = try GradientBoostedTrees.train(train, labels: labels)
        let auc = try #require(Metrics.rocAUC(scores: try model.probabilities(test), labels: testLabels))
        // The Bayes-optimal AUC of this generator is about 0.86; a linear model gets far less.
        #expect(auc > 0.82)
        #expect(model.summary.validationRows == 600)
        #expect(model.trees.count >= 5)
        // The categorical feature is split on by a level set.
        let categoricalSplits = model.trees.flatMap(\.nodes).filter { $0.leftBins != nil }
        #expect(!categoricalSplits.isEmpty)
        // The noise feature matters least of the numeric ones.
        let gains = Dictionary(grouping: model.trees.flatMap(\.nodes), by: \.feature).mapValues {
            $0.reduce(0) { $0 + $1.gain }
        }
        #expect((gains[4] ?? 0) < (gains[0] ?? 0))
        #expect((gains[4] ?? 0) < (gains[2] ?? 0))
    }

    @Test func sameSeedSameModelAndLeafLimitsHold() throws {
        let (data, labels) = SyntheticData.classification(rows: 3000, seed: 3)
        var parameters = GBDTParameters()
        parameters.iterations = 20
        parameters.maxLeaves = 7
        parameters.maxDepth = 3
        parameters.minDataInLeaf = 40
        parameters.seed = 9
        let a = try GradientBoostedTrees.train(data, labels: labels, parameters: parameters)
        let b = try GradientBoostedTrees.train(data, labels: labels, parameters: parameters)
        #expect(a.trees == b.trees)
        for tree in a.trees {
            #expect(tree.leaves.count <= 7)
            #expect(tree.depth <= 3)
            #expect(tree.leaves.allSatisfy { $0.cover >= 40 })
        }
    }

    @Test func everyHistogramLayoutGrowsTheSameTrees() throws {
        let (base, labels) = SyntheticData.classification(rows: 8000, seed: 5)
        // A constant column among the others (not usable: the grouped records skip it) and
        // three more numeric ones: nine usable features, three groups of four, the last short.
        var generator = SeededGenerator(seed: 11)
        var names = base.names
        var columns = base.columns
        names.insert("constant", at: 2)
        columns.insert(.numeric([Double](repeating: 1, count: base.rowCount)), at: 2)
        for k in 0..<3 {
            names.append("extra\(k)")
            columns.append(.numeric((0..<base.rowCount).map { _ in generator.nextUnit() }))
        }
        let data = try Dataset(names: names, columns: columns)
        var parameters = GBDTParameters()
        parameters.iterations = 15
        parameters.maxLeaves = 63
        parameters.minDataInLeaf = 5
        let byColumns = try GradientBoostedTrees.train(data, labels: labels, parameters: parameters, layout: .columns)
        let automatic = try GradientBoostedTrees.train(
            data, labels: labels, parameters: parameters, layout: .automatic)
        let grouped = try GradientBoostedTrees.train(data, labels: labels, parameters: parameters, layout: .groups)
        #expect(byColumns.trees.count == 15)
        #expect(automatic.trees == byColumns.trees)
        #expect(grouped.trees == byColumns.trees)
        // Leaves partitioned in two and four pieces on both cores (from 50 and 200 rows):
        // the same rows in the same order, so the same trees.
        let pieces = try GradientBoostedTrees.train(
            data, labels: labels, parameters: parameters, layout: .automatic, partitionPieceRows: 50)
        #expect(pieces.trees == byColumns.trees)
        #expect(automatic.initialScore == byColumns.initialScore)
        // `.automatic` took the grouped pass for some leaves: leaves under 1/64 of the rows.
        let rows = Double(byColumns.summary.trainingRows)
        #expect(byColumns.trees.flatMap(\.leaves).contains { $0.cover < rows * TreeLearner.groupedShare })
    }

    @Test func earlyStoppingKeepsTheBestIteration() throws {
        // Pure noise labels: validation loss stops improving almost at once.
        var generator = SeededGenerator(seed: 5)
        let x = (0..<4000).map { _ in generator.nextUnit() }
        let labels = (0..<4000).map { _ in generator.nextUnit() < 0.3 ? 1.0 : 0.0 }
        let data = try Dataset(names: ["x"], columns: [.numeric(x)])
        var parameters = GBDTParameters()
        parameters.iterations = 300
        let model = try GradientBoostedTrees.train(data, labels: labels, parameters: parameters)
        #expect(model.trees.count < 100)
    }

    @Test func constantFeaturesAreIgnoredAndAllConstantIsAnError() throws {
        let (data, labels) = SyntheticData.classification(rows: 1000, seed: 4)
        var columns = data.columns
        columns.append(.numeric([Double](repeating: 7, count: 1000)))
        columns.append(.numeric([Double](repeating: .nan, count: 1000)))
        let wider = try Dataset(names: data.names + ["constant", "empty"], columns: columns)
        let model = try GradientBoostedTrees.train(wider, labels: labels)
        #expect(model.summary.ignoredFeatures == ["constant", "empty"])
        #expect(!model.trees.flatMap(\.nodes).contains { $0.feature >= 6 })

        let flat = try Dataset(names: ["constant"], columns: [.numeric([Double](repeating: 1, count: 1000))])
        #expect(throws: RiskModelError(.noUsableFeature, "")) {
            try GradientBoostedTrees.train(flat, labels: labels)
        }
    }

    @Test func oneClassAndEmptyDataAreErrors() throws {
        let data = try Dataset(names: ["x"], columns: [.numeric([1, 2, 3])])
        #expect(throws: RiskModelError(.oneClass, "")) {
            try GradientBoostedTrees.train(data, labels: [1, 1, 1])
        }
        let empty = try Dataset(names: ["x"], columns: [.numeric([])])
        #expect(throws: RiskModelError(.emptyData, "")) {
            try GradientBoostedTrees.train(empty, labels: [])
        }
    }

    @Test func binsKeepDistinctValuesApartAndCapQuantiles() {
        let few = FeatureBins.numeric(sample: [3, 1, 2, 2, .nan, 3], maxBins: 255)
        #expect(few.upperBounds == [1.5, 2.5])
        #expect(few.bin(.nan) == 0)
        #expect(few.bin(1) == 1)
        #expect(few.bin(2.5) == 2)
        #expect(few.bin(99) == 3)
        let many = FeatureBins.numeric(sample: (0..<10_000).map(Double.init), maxBins: 17)
        #expect(many.binCount == 17)
        // Quantile bins: nearly equal counts.
        var counts = [Int](repeating: 0, count: 17)
        for v in 0..<10_000 { counts[Int(many.bin(Double(v)))] += 1 }
        #expect(counts[1...].allSatisfy { abs($0 - 625) <= 2 })
    }
}
