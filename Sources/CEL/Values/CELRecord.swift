/// A generic object built by message construction (`fundwatch.Limit{amount: 3.0}`) for a type
/// declared with ``CELEnvironment/declareObject(_:fields:)``. Unset fields read as absent.
public struct CELRecord: CELObject, Equatable {
    /// Records report their own type name through ``typeName``; this static name is a placeholder.
    public static let celTypeName = "cel.Record"
    /// The declared type name.
    public let typeName: String
    /// The fields that were set.
    public let fields: [String: CELValue]

    /// Creates a record.
    public init(typeName: String, fields: [String: CELValue]) {
        self.typeName = typeName
        self.fields = fields
    }

    public func field(named name: String) -> CELValue? { fields[name] }
}
