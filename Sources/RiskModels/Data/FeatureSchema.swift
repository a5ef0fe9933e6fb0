/// The features a model was trained on: their names, in order, and for a categorical feature
/// the levels it knows (the code of a level is its index). Saved with every model so that
/// scoring reads the same columns the same way.
public struct FeatureSchema: Codable, Sendable, Equatable {
    /// One feature.
    public struct Feature: Codable, Sendable, Equatable {
        /// The column name.
        public var name: String
        /// The levels of a categorical feature; `nil` for a numeric one.
        public var levels: [String]?

        public init(name: String, levels: [String]?) {
            self.name = name
            self.levels = levels
        }

        /// Whether the feature is categorical.
        public var isCategorical: Bool { levels != nil }
    }

    /// The features, in column order.
    public var features: [Feature]

    public init(features: [Feature]) { self.features = features }

    /// The feature names, in order.
    public var names: [String] { features.map(\.name) }
}
