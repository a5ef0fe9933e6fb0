/// What a CSV file holds for the models: the features, the 0/1 labels when a label column was
/// named, the `id` column when there is one, and how many categorical values were unknown to
/// the schema they were read with.
public struct LabeledTable: Sendable {
    /// The feature columns.
    public var features: Dataset
    /// The labels (0 or 1), when a label column was asked for and present.
    public var labels: [Double]?
    /// The values of the id column, when present (kept as text, never a feature).
    public var ids: [String]?
    /// Per categorical feature, how many cells held a level the schema does not know; they
    /// are read as missing.
    public var unseenLevels: [String: Int]

    public init(features: Dataset, labels: [Double]?, ids: [String]?, unseenLevels: [String: Int] = [:]) {
        self.features = features
        self.labels = labels
        self.ids = ids
        self.unseenLevels = unseenLevels
    }
}
