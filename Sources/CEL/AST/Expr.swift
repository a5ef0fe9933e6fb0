/// A node of a parsed CEL expression (the shape of cel-spec's `Expr` message).
public struct Expr: Sendable {
    /// A constant literal.
    public enum Constant: Sendable, Equatable {
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
        public let key: Expr
        public let value: Expr
    }

    /// One `field: value` initializer of a message construction.
    public struct FieldInitializer: Sendable {
        public let field: String
        public let value: Expr
    }

    /// Which standard macro produced a comprehension, so the interpreter can run it directly.
    public enum Macro: Sendable, Equatable {
        case all, exists, existsOne, map, mapFilter, filter
    }

    /// A fold over a list or map (the expansion of the `all`, `exists`, … macros).
    public struct Comprehension: Sendable {
        public let iterationVariable: String
        public let range: Expr
        public let accumulatorVariable: String
        public let accumulatorInit: Expr
        public let loopCondition: Expr
        public let loopStep: Expr
        public let result: Expr
        /// The macro that was expanded, with its predicate/transform arguments.
        public let macro: Macro?
        /// The macro's user-written arguments after the iteration variable (predicate, transform).
        public let macroArguments: [Expr]
    }

    /// What kind of node this is.
    public indirect enum Kind: Sendable {
        case constant(Constant)
        case identifier(String)
        /// `operand.field`; `testOnly` is true for `has(operand.field)`.
        case select(operand: Expr, field: String, testOnly: Bool)
        /// A global call (`target == nil`) or a receiver call `target.function(args)`.
        case call(function: String, target: Expr?, arguments: [Expr])
        case list(elements: [Expr])
        case map(entries: [MapEntry])
        case message(typeName: String, fields: [FieldInitializer])
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
