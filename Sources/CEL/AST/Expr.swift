/// A node of a parsed CEL expression (the shape of cel-spec's `Expr` message).
public struct Expr: Sendable {
    /// A constant literal.
    public enum Constant: Sendable, Equatable {
        /// `null`.
        case null
        case bool(Bool)
        case int(Int64)
        case uint(UInt64)
        case double(Double)
        case string(String)
        case bytes([UInt8])
    }

    /// One `key: value` entry of a map literal.
    public struct MapEntry: Sendable {
        /// The key expression.
        public let key: Expr
        /// The value expression.
        public let value: Expr
    }

    /// One `field: value` initializer of a message construction.
    public struct FieldInitializer: Sendable {
        /// The field name.
        public let field: String
        /// The value expression.
        public let value: Expr
    }

    /// Which standard macro produced a comprehension, so the interpreter can run it directly.
    public enum Macro: Sendable, Equatable {
        /// `all`, `exists`, `exists_one`, 2-argument `map`, 3-argument `map`, `filter`.
        case all, exists, existsOne, map, mapFilter, filter
    }

    /// A fold over a list or map (the expansion of the `all`, `exists`, … macros).
    public struct Comprehension: Sendable {
        /// The variable bound to each element (or map key).
        public let iterationVariable: String
        /// The list or map iterated over.
        public let range: Expr
        /// The accumulator variable (`@result`).
        public let accumulatorVariable: String
        /// The accumulator's initial value.
        public let accumulatorInit: Expr
        /// Iteration continues while this is true.
        public let loopCondition: Expr
        /// The accumulator's next value.
        public let loopStep: Expr
        /// The comprehension's value, computed from the accumulator.
        public let result: Expr
        /// The macro that was expanded, with its predicate/transform arguments.
        public let macro: Macro?
        /// The macro's user-written arguments after the iteration variable (predicate, transform).
        public let macroArguments: [Expr]
    }

    /// What kind of node this is.
    public indirect enum Kind: Sendable {
        /// A literal.
        case constant(Constant)
        /// A (possibly dotted or leading-dot) name.
        case identifier(String)
        /// `operand.field`; `testOnly` is true for `has(operand.field)`.
        case select(operand: Expr, field: String, testOnly: Bool)
        /// A global call (`target == nil`) or a receiver call `target.function(args)`.
        case call(function: String, target: Expr?, arguments: [Expr])
        /// A list literal.
        case list(elements: [Expr])
        /// A map literal.
        case map(entries: [MapEntry])
        /// `Type{field: value}` construction of a declared object type.
        case message(typeName: String, fields: [FieldInitializer])
        /// An expanded macro or other fold.
        case comprehension(Comprehension)
    }

    /// Unique id of the node within its expression.
    public let id: Int
    /// UTF-8 offset of the node in the source.
    public let offset: Int
    /// The node's content.
    public let kind: Kind

    /// Creates a node.
    public init(id: Int, offset: Int, kind: Kind) {
        self.id = id
        self.offset = offset
        self.kind = kind
    }
}

/// Names of the operator functions, as in cel-spec.
enum Operator {
    static let conditional = "_?_:_"
    static let logicalAnd = "_&&_"
    static let logicalOr = "_||_"
    static let logicalNot = "!_"
    static let negate = "-_"
    static let equals = "_==_"
    static let notEquals = "_!=_"
    static let less = "_<_"
    static let lessEquals = "_<=_"
    static let greater = "_>_"
    static let greaterEquals = "_>=_"
    static let add = "_+_"
    static let subtract = "_-_"
    static let multiply = "_*_"
    static let divide = "_/_"
    static let modulo = "_%_"
    static let index = "_[_]"
    static let `in` = "@in"
    static let notStrictlyFalse = "@not_strictly_false"
}
