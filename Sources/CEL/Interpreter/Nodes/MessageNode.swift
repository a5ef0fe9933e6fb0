/// `Type{field: value, …}` for a declared object type: builds a ``CELRecord``.
final class MessageNode: Node, @unchecked Sendable {
    let typeName: String
    let fields: [(String, Node)]
    init(typeName: String, fields: [(String, Node)], location: SourceLocation) {
        self.typeName = typeName
        self.fields = fields
        super.init(location: location)
    }
    override func eval(_ frame: inout Frame) -> CELValue {
        if let error = frame.charge(fields.count) { return fail(error) }
        var values: [String: CELValue] = [:]
        for (name, node) in fields {
            let value = node.eval(&frame)
            if value.isError { return value }
            values[name] = value
        }
        return .object(CELRecord(typeName: typeName, fields: values))
    }
}
