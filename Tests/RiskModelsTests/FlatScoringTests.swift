import Foundation
import Testing

@testable import RiskModels

/// The flat, block-wise scorers against the plain tree walks they replace: the same numbers,
/// row for row, with missing values, categorical levels and unseen levels in the data.
@Suite struct FlatScoringTests {
    @Test func boostedMarginsEqualTheBinnedTreeWalk() throws {
        let (train, labels) = SyntheticData.classification(rows: 4000, seed: 11)
        var parameters = GBDTParameters()
        parameters.iterations = 30
        let model = try GradientBoostedTrees.train(train, labels: labels, parameters: parameters)
        // A test table with missing levels (code -1) and a row
        // count that is not a multiple of the block or the lockstep lanes.
        let (test, _) = SyntheticData.classification(rows: 1_237, seed: 12)
        var columns = test.columns
        if case .categorical(var codes, let levels) = columns[5] {
            for r in stride(from: 0, to: codes.count, by: 97) { codes[r] = -1 }
            columns[5] = .categorical(codes: codes, levels: levels)
        }
        let data = try Dataset(names: test.names, columns: columns)
        let margins = try model.margins(data)
        #expect(margins.count == data.rowCount)
        var largest = 0.0
        for row in 0..<data.rowCount {
            let bins = model.rowBins(data, row: row)
            let expected = model.trees.reduce(model.initialScore) { $0 + $1.value { bins[$0] } }
            largest = max(largest, abs(margins[row] - expected))
        }
        #expect(largest < 1e-9)
        #expect(Set(margins.map { ($0 * 1e6).rounded() }).count > 50)
    }

    @Test func bitvectorMarginsEqualTheTreeWalk() throws {
        // The training model, with categorical splits (feature 5) and missing values in training.
        let (train, labels) = SyntheticData.classification(rows: 4000, seed: 21)
        var trainColumns = train.columns
        for f in [0, 3] {
            if case .numeric(var values) = trainColumns[f] {
                for r in stride(from: f, to: values.count, by: 13) { values[r] = .nan }
                trainColumns[f] = .numeric(values)
            }
        }
        let trainData = try Dataset(names: train.names, columns: trainColumns)
        var parameters = GBDTParameters()
        parameters.iterations = 40
        let model = try GradientBoostedTrees.train(trainData, labels: labels, parameters: parameters)
        #expect(model.trees.contains { tree in tree.nodes.contains { $0.feature == 5 } })
        // Random rows: NaN in every numeric feature now and then, ±infinity, values beyond
        // the training range, unseen levels (code -1).
        var rng = SeededGenerator(seed: 99)
        let rows = 3_001
        let columns: [Dataset.Column] = trainData.columns.map { column in
            switch column {
            case .numeric(let values):
                let low = values.filter { !$0.isNaN }.min()!
                let high = values.filter { !$0.isNaN }.max()!
                return .numeric(
                    (0..<rows).map { _ in
                        switch rng.next() % 20 {
                        case 0: .nan
                        case 1: rng.next() % 2 == 0 ? .infinity : -.infinity
                        default: low - 1 + (high - low + 2) * Double(rng.next() >> 11) / Double(1 << 53)
                        }
                    })
            case .categorical(_, let levels):
                return .categorical(
                    codes: (0..<rows).map { _ in Int32(Int(rng.next() % UInt64(levels.count + 1)) - 1) },
                    levels: levels)
            }
        }
        let data = try Dataset(names: trainData.names, columns: columns)
        for table in [data, trainData] {
            let fast = try model.margins(table, scorer: .bitvector)
            let walked = try model.margins(table, scorer: .treeWalk)
            #expect(fast == walked)
            // And the plain walk over the training bins.
            for row in stride(from: 0, to: table.rowCount, by: 7) {
                let bins = model.rowBins(table, row: row)
                let expected = model.trees.reduce(model.initialScore) { $0 + $1.value { bins[$0] } }
                #expect(abs(fast[row] - expected) < 1e-12)
            }
        }
    }

    @Test func bitvectorScoringWalksTreesOfMoreThan64Leaves() throws {
        let (train, labels) = SyntheticData.classification(rows: 6000, seed: 31)
        var parameters = GBDTParameters()
        parameters.iterations = 8
        parameters.maxLeaves = 100
        parameters.minDataInLeaf = 5
        let big = try GradientBoostedTrees.train(train, labels: labels, parameters: parameters)
        parameters.maxLeaves = 31
        let small = try GradientBoostedTrees.train(train, labels: labels, parameters: parameters)
        #expect(big.bins == small.bins)
        // Big and small trees interleaved in one ensemble over the same bins.
        let trees = zip(big.trees, small.trees).flatMap { [$0, $1] }
        let model = GradientBoostedTrees(
            schema: big.schema, bins: big.bins, initialScore: big.initialScore, trees: trees,
            parameters: big.parameters, summary: big.summary)
        #expect(model.trees.contains { $0.leaves.count > 64 })
        #expect(model.trees.contains { $0.leaves.count <= 64 })
        let (test, _) = SyntheticData.classification(rows: 999, seed: 32)
        let fast = try model.margins(test, scorer: .bitvector)
        let walked = try model.margins(test, scorer: .treeWalk)
        // Tree order differs when some trees are walked after the others: equal to rounding.
        #expect(zip(fast, walked).allSatisfy { abs($0 - $1) < 1e-12 })
    }

    @Test func forestScoresEqualThePlainPathWalk() throws {
        var (data, _) = SyntheticData.outliers(inliers: 2000, outliers: 20, features: 4, seed: 5)
        // Missing cells in two features, so both sides of the coin flip are walked.
        var columns = data.columns
        for f in [0, 2] {
            if case .numeric(var values) = columns[f] {
                for r in stride(from: f, to: values.count, by: 7) { values[r] = .nan }
                columns[f] = .numeric(values)
            }
        }
        data = try Dataset(names: data.names, columns: columns)
        var parameters = IsolationForestParameters()
        parameters.seed = 4
        let forest = try IsolationForest.train(data, parameters: parameters)
        let scores = try forest.scores(data)
        let normaliser = IsolationForest.averagePathLength(forest.samplesPerTree) * Double(forest.roots.count)
        var largest = 0.0
        for row in 0..<data.rowCount {
            let values = forest.rowMajor(data, start: row, end: row + 1)
            var total = 0.0
            for root in forest.roots {
                var i = root
                var depth = 0
                while forest.nodes[i].feature >= 0 {
                    let node = forest.nodes[i]
                    let x = values[node.feature]
                    i = (x.isNaN ? node.missingLeft : x <= node.threshold) ? node.left : node.right
                    depth += 1
                }
                total += Double(depth) + IsolationForest.averagePathLength(forest.nodes[i].size)
            }
            largest = max(largest, abs(scores[row] - pow(2, -total / normaliser)))
        }
        #expect(largest < 1e-12)
    }

    @Test func forestSendsMissingValuesAsScikitLearnDoes() throws {
        // Without missing values a split sends a (scoring-time) missing value to its larger
        // side; with them, the side is drawn per split, so both occur.
        let (clean, _) = SyntheticData.outliers(inliers: 3000, outliers: 0, features: 3, seed: 8)
        let cleanForest = try IsolationForest.train(clean)
        for node in cleanForest.nodes where node.feature >= 0 {
            #expect(node.missingLeft == (cleanForest.nodes[node.left].size > cleanForest.nodes[node.right].size))
        }

        var columns = clean.columns
        if case .numeric(var values) = columns[0] {
            for r in stride(from: 0, to: values.count, by: 3) { values[r] = .nan }
            columns[0] = .numeric(values)
        }
        // A feature with one present value and missing cells can still part the two.
        let flag = (0..<3000).map { $0 % 2 == 0 ? 1.0 : .nan }
        columns.append(.numeric(flag))
        let gappy = try Dataset(names: clean.names + ["flag"], columns: columns)
        let forest = try IsolationForest.train(gappy)
        let gappySplits = forest.nodes.filter { $0.feature == 0 }
        let left = gappySplits.filter(\.missingLeft).count
        #expect(left > gappySplits.count / 10)
        #expect(left < gappySplits.count * 9 / 10)
        let flagSplits = forest.nodes.filter { $0.feature == 3 }
        #expect(!flagSplits.isEmpty)
        for node in flagSplits {
            // Every present row (value 1) on one side, every missing one on the other.
            #expect(node.threshold == 1)
            #expect(forest.nodes[node.left].size + forest.nodes[node.right].size == node.size)
        }
        #expect(try IsolationForest.train(gappy).nodes == forest.nodes)
    }
}
