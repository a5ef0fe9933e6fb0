/// One feature column: its name in files, what it means for an auditor, and its unit.
public struct FeatureDefinition: Sendable, Hashable {
    /// The column name (snake_case English), as in `features.csv` and the model file.
    public let name: String
    /// What the value measures, in Chinese, for people reading reasons and the README.
    public let meaning: String
    /// The unit (月, 笔, 人, km, 比例, …).
    public let unit: String

    public init(_ name: String, _ meaning: String, unit: String) {
        self.name = name
        self.meaning = meaning
        self.unit = unit
    }
}
