/// A list literal.
final class ListNode: Node, @unchecked Sendable {
    let elements: [Node]
    init(_ elements: [Node], location: SourceLocation) {
        self.elements = elements
        super.init(location: location)
    }
    override func eval(_ frame: inout Frame) -> CELValue {
        if let error = frame.charge(elements.count) { return fail(error) }
        var values: [CELValue] = []
        values.reserveCapacity(elements.count)
        for element in elements {
            let value = element.eval(&frame)
            if value.isError { return value }
            values.append(value)
        }
        return .list(values)
    }
}
