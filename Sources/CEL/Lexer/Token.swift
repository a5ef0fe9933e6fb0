/// One lexical token of CEL source.
struct Token: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case identifier(String)
        case int(Int64)
        /// An integer literal whose magnitude does not fit Int64 (only valid after a minus sign).
        case intMagnitude(UInt64)
        case uint(UInt64)
        case double(Double)
        case string(String)
        case bytes([UInt8])
        case `true`, `false`, null
        case `in`
        case punctuation(Punctuation)
        case reserved(String)
        case quotedIdentifier(String)
        case end
    }

    enum Punctuation: String, Sendable {
        case lParen = "(", rParen = ")", lBracket = "[", rBracket = "]", lBrace = "{", rBrace = "}"
        case dot = ".", comma = ",", colon = ":", question = "?"
        case plus = "+", minus = "-", star = "*", slash = "/", percent = "%"
        case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
        case and = "&&", or = "||", not = "!"
    }

    let kind: Kind
    /// UTF-8 byte offset of the token's first character.
    let offset: Int

    var display: String {
        switch kind {
        case .identifier(let name), .reserved(let name): return name
        case .quotedIdentifier(let name): return "`\(name)`"
        case .int(let value): return String(value)
        case .intMagnitude(let value): return String(value)
        case .uint(let value): return "\(value)u"
        case .double(let value): return String(value)
        case .string: return "string literal"
        case .bytes: return "bytes literal"
        case .true: return "true"
        case .false: return "false"
        case .null: return "null"
        case .in: return "in"
        case .punctuation(let punctuation): return punctuation.rawValue
        case .end: return "<EOF>"
        }
    }
}
