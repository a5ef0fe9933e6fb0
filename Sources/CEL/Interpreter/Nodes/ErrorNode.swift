/// A node that always yields the same error (e.g. an unknown function in unchecked mode).
final class ErrorNode: Node, @unchecked Sendable {
    let error: CELError
    let arguments: [Node]
    init(_ error: CELError, arguments: [Node], location: SourceLocation) {
        var error = error
        if error.location == nil { error.location = location }
        self.error = error
        self.arguments = arguments
        super.init(location: location)
    }
    override func eval(_ frame: inout Frame) -> CELValue {
        for argument in arguments {
            let value = argument.eval(&frame)
            if value.isError { return value }
        }
        return .error(error)
    }
}
