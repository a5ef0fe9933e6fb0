extension GradientBoostedTrees {
    /// Exact TreeSHAP contributions of every feature to one row's margin, in schema order,
    /// followed by the expected margin (the initial score plus each tree's expected value):
    /// the whole array sums to the row's margin.
    public func contributions(_ data: Dataset, row: Int) throws(RiskModelError) -> [Double] {
        try checkColumns(data)
        let bins = rowBins(data, row: row)
        var phi = [Double](repeating: 0, count: schema.features.count + 1)
        phi[schema.features.count] = initialScore
        for tree in trees { TreeSHAP.accumulate(tree, rowBins: bins, into: &phi) }
        return phi
    }
}
