/// A strict function of any number of arguments.
final class CallNode: Node, @unchecked Sendable {
    let arguments: [Node]
    let function: @Sendable ([CELValue]) -> CELValue
    init(_ arguments: [Node], function: @escaping @Sendable ([CELValue]) -> CELValue, location: SourceLocation) {
        self.arguments = arguments
        self.function = function
        super.init(location: location)
    }
    override func eval(_ frame: inout Frame) -> CELValue {
        var values: [CELValue] = []
        values.reserveCapacity(arguments.count)
        for argument in arguments {
            let value = argument.eval(&frame)
            if value.isError { return value }
            values.append(value)
        }
        return located(function(values))
    }
}
