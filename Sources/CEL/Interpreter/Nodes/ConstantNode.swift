/// A literal value.
final class ConstantNode: Node, @unchecked Sendable {
    let value: CELValue
    init(_ value: CELValue, location: SourceLocation) {
        self.value = value
        super.init(location: location)
    }
    override func eval(_ frame: inout Frame) -> CELValue { value }
}
