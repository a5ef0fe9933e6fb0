public import RiskModels

/// Turns subjects (persons, institutions) into rows of numeric features for the generic models.
///
/// RiskModels knows nothing of social security: it reads a `Dataset`. An extractor is the one
/// place that knows what a column means, so its `definitions` document every feature it writes.
public protocol FeatureExtractor: Sendable {
    /// What one row describes.
    associatedtype Subject

    /// The features, in column order.
    var definitions: [FeatureDefinition] { get }

    /// The subject's values, one per definition, in the same order (`NaN` for unknown).
    func values(for subject: Subject) -> [Double]
}

extension FeatureExtractor {
    /// The feature names, in column order.
    public var names: [String] { definitions.map(\.name) }

    /// A table of the subjects' features, one row per subject in order.
    public func dataset(for subjects: [Subject]) -> Dataset {
        var columns = [[Double]](repeating: [], count: definitions.count)
        for c in columns.indices { columns[c].reserveCapacity(subjects.count) }
        for subject in subjects {
            let row = values(for: subject)
            precondition(row.count == columns.count, "an extractor returns one value per definition")
            for (c, v) in row.enumerated() { columns[c].append(v) }
        }
        // Names are unique and columns equal in length by construction, so this cannot fail.
        guard let data = try? Dataset(names: names, columns: columns.map { .numeric($0) }) else {
            preconditionFailure("feature definitions have unique names")
        }
        return data
    }
}
