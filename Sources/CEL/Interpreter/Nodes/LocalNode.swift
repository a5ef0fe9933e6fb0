/// A comprehension variable, by local slot.
final class LocalNode: Node, @unchecked Sendable {
    let index: Int
    init(index: Int, location: SourceLocation) {
        self.index = index
        super.init(location: location)
    }
    override func eval(_ frame: inout Frame) -> CELValue { frame.locals[index] }
}
