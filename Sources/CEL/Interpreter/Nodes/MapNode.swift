/// A map literal.
final class MapNode: Node, @unchecked Sendable {
    let entries: [(Node, Node)]
    init(_ entries: [(Node, Node)], location: SourceLocation) {
        self.entries = entries
        super.init(location: location)
    }
    override func eval(_ frame: inout Frame) -> CELValue {
        if let error = frame.charge(entries.count) { return fail(error) }
        var values: [(CELValue, CELValue)] = []
        values.reserveCapacity(entries.count)
        for (keyNode, valueNode) in entries {
            let key = keyNode.eval(&frame)
            if key.isError { return key }
            let value = valueNode.eval(&frame)
            if value.isError { return value }
            values.append((key, value))
        }
        switch CELMap.make(values) {
        case .success(let map): return .map(map)
        case .failure(let error): return fail(error)
        }
    }
}
