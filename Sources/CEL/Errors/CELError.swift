/// An error raised while parsing, checking or evaluating a CEL expression.
///
/// Runtime errors are ordinary values (``CELValue/error(_:)``); parse and check errors are
/// thrown from ``CELEnvironment/compile(_:)``. Two errors compare equal when their codes match.
public struct CELError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of an error. New kinds can be added without breaking the API.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case syntax, undeclaredReference, noMatchingOverload, typeMismatch, divideByZero, overflow
            case outOfRange, noSuchKey, noSuchField, indexOutOfRange, invalidArgument, conversion
            case expressionTooLarge, nestingTooDeep, costLimitExceeded, repeatedKey, unsupportedKeyType
            case noSuchAttribute, invalidRegex
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The source text is not valid CEL.
        public static let syntax = Code(.syntax)
        /// An identifier or function is not declared.
        public static let undeclaredReference = Code(.undeclaredReference)
        /// No overload of a function accepts the argument types.
        public static let noMatchingOverload = Code(.noMatchingOverload)
        /// A value or expression has the wrong type.
        public static let typeMismatch = Code(.typeMismatch)
        /// Integer division or modulus by zero.
        public static let divideByZero = Code(.divideByZero)
        /// Integer arithmetic overflowed 64 bits.
        public static let overflow = Code(.overflow)
        /// A conversion or timestamp/duration result is outside the representable range.
        public static let outOfRange = Code(.outOfRange)
        /// A map lookup found no entry for the key.
        public static let noSuchKey = Code(.noSuchKey)
        /// An object has no field of that name.
        public static let noSuchField = Code(.noSuchField)
        /// A list or string index is outside its bounds.
        public static let indexOutOfRange = Code(.indexOutOfRange)
        /// A function received an argument it cannot use.
        public static let invalidArgument = Code(.invalidArgument)
        /// A type conversion failed (e.g. `int('abc')`).
        public static let conversion = Code(.conversion)
        /// The expression text is longer than the configured limit.
        public static let expressionTooLarge = Code(.expressionTooLarge)
        /// The expression nests deeper than the configured limit.
        public static let nestingTooDeep = Code(.nestingTooDeep)
        /// Evaluation used more than its cost budget.
        public static let costLimitExceeded = Code(.costLimitExceeded)
        /// A map literal repeats a key.
        public static let repeatedKey = Code(.repeatedKey)
        /// A map key has a type that cannot be a key (double, null, …).
        public static let unsupportedKeyType = Code(.unsupportedKeyType)
        /// A variable has no value in the activation.
        public static let noSuchAttribute = Code(.noSuchAttribute)
        /// A regular expression does not compile.
        public static let invalidRegex = Code(.invalidRegex)

        public var description: String { base.rawValue }
    }

    /// What went wrong, by kind.
    public let code: Code
    /// A human-readable explanation.
    public let reason: String
    /// Where in the expression the error arose, when known.
    public var location: SourceLocation?
    /// The Swift file that raised the error (for debugging the engine).
    public let fileID: String
    /// The Swift line that raised the error.
    public let line: Int

    /// Creates an error.
    public init(
        code: Code, reason: String, location: SourceLocation? = nil,
        fileID: String = #fileID, line: Int = #line
    ) {
        self.code = code
        self.reason = reason
        self.location = location
        self.fileID = fileID
        self.line = line
    }

    public static func == (lhs: CELError, rhs: CELError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    public var description: String {
        if let location { return "\(location.line):\(location.column): \(reason)" }
        return reason
    }

    /// The message with the offending source line and a caret under the spot, like
    /// `ERROR: <input>:1:5: Syntax error: …` followed by the line and `....^`.
    public func formatted(source: String) -> String {
        guard let location else { return "ERROR: <input>: \(reason)" }
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        var text = "ERROR: <input>:\(location.line):\(location.column): \(reason)"
        if location.line >= 1, location.line <= lines.count {
            let sourceLine = lines[location.line - 1]
            text += "\n | " + sourceLine
            text += "\n | " + String(repeating: ".", count: max(0, location.column - 1)) + "^"
        }
        return text
    }
}

extension CELError {
    static func syntax(_ reason: String, at location: SourceLocation?, fileID: String = #fileID, line: Int = #line)
        -> CELError
    {
        CELError(code: .syntax, reason: reason, location: location, fileID: fileID, line: line)
    }
    static func noMatchingOverload(_ function: String, fileID: String = #fileID, line: Int = #line) -> CELError {
        CELError(code: .noMatchingOverload, reason: "no matching overload for '\(function)'", fileID: fileID, line: line)
    }
    static func divideByZero(fileID: String = #fileID, line: Int = #line) -> CELError {
        CELError(code: .divideByZero, reason: "division by zero", fileID: fileID, line: line)
    }
    static func moduloByZero(fileID: String = #fileID, line: Int = #line) -> CELError {
        CELError(code: .divideByZero, reason: "modulus by zero", fileID: fileID, line: line)
    }
    static func overflow(_ operation: String = "", fileID: String = #fileID, line: Int = #line) -> CELError {
        CELError(code: .overflow, reason: "integer overflow" + (operation.isEmpty ? "" : " in \(operation)"), fileID: fileID, line: line)
    }
    static func range(_ reason: String, fileID: String = #fileID, line: Int = #line) -> CELError {
        CELError(code: .outOfRange, reason: reason, fileID: fileID, line: line)
    }
    static func noSuchKey(_ key: String, fileID: String = #fileID, line: Int = #line) -> CELError {
        CELError(code: .noSuchKey, reason: "no such key: \(key)", fileID: fileID, line: line)
    }
    static func invalidArgument(_ reason: String, fileID: String = #fileID, line: Int = #line) -> CELError {
        CELError(code: .invalidArgument, reason: reason, fileID: fileID, line: line)
    }
    static func conversion(_ reason: String, fileID: String = #fileID, line: Int = #line) -> CELError {
        CELError(code: .conversion, reason: reason, fileID: fileID, line: line)
    }
    static func indexOutOfRange(_ index: Int64, fileID: String = #fileID, line: Int = #line) -> CELError {
        CELError(code: .indexOutOfRange, reason: "index out of range: \(index)", fileID: fileID, line: line)
    }
}
