/// A host function made callable from expressions, with one or more typed overloads.
///
/// ```swift
/// let monthsBetween = CELFunction("months_between", overloads: [
///     .init(id: "months_between_timestamp_timestamp", parameters: [.timestamp, .timestamp], result: .int) { args in
///         …
///     }
/// ])
/// ```
public struct CELFunction: Sendable {
    /// One signature of a function and its implementation.
    public struct Overload: Sendable {
        /// A unique overload id, e.g. `months_between_timestamp_timestamp`.
        public let id: String
        /// Parameter types; for member overloads the first is the receiver.
        public let parameters: [CELType]
        /// Result type.
        public let result: CELType
        /// Whether the overload is called as `receiver.name(args)`.
        public let isMember: Bool
        /// The implementation; receives evaluated, non-error arguments and returns a value or an error value.
        public let implementation: @Sendable ([CELValue]) -> CELValue

        /// Creates an overload.
        public init(
            id: String, parameters: [CELType], result: CELType, isMember: Bool = false,
            implementation: @escaping @Sendable ([CELValue]) -> CELValue
        ) {
            self.id = id
            self.parameters = parameters
            self.result = result
            self.isMember = isMember
            self.implementation = implementation
        }
    }

    /// The function name as written in expressions.
    public let name: String
    /// The overloads.
    public var overloads: [Overload]

    /// Creates a function.
    public init(_ name: String, overloads: [Overload]) {
        self.name = name
        self.overloads = overloads
    }
}

extension CELType {
    /// Whether a runtime value can be passed where this type is expected.
    func accepts(_ value: CELValue) -> Bool {
        switch (self, value) {
        case (.dyn, _), (.parameter, _): return true
        case (.null, .null), (.bool, .bool), (.int, .int), (.uint, .uint), (.double, .double), (.string, .string),
            (.bytes, .bytes), (.duration, .duration), (.timestamp, .timestamp), (.list, .list), (.map, .map),
            (.type, .type):
            return true
        case (.object(let name), .object(let object)): return name == Swift.type(of: object).celTypeName
        default: return false
        }
    }
}
