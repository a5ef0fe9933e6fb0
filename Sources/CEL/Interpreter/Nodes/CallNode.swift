/// A strict function of any number of arguments.
final class CallNode: Node, @unchecked Sendable {
    let arguments: [Node]
    let function: @Sendable ([CELValue]) -> CELValue
    /// Whether the result's size is charged to the cost budget (functions that can grow strings
    /// or lists, so chained calls cannot exhaust memory).
    let chargesResultSize: Bool
    init(
        _ arguments: [Node], function: @escaping @Sendable ([CELValue]) -> CELValue, chargesResultSize: Bool = false,
        location: SourceLocation
    ) {
        self.arguments = arguments
        self.function = function
        self.chargesResultSize = chargesResultSize
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
        let result = function(values)
        if chargesResultSize, let error = frame.charge(result.sizeCost) { return fail(error) }
        return located(result)
    }
}
