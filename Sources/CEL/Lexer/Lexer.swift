/// Splits CEL source text into tokens. Works on UTF-8 bytes; never traps on any input.
struct Lexer {
    static let reservedWords: Set<String> = [
        "as", "break", "const", "continue", "else", "for", "function", "if", "import", "let", "loop",
        "package", "namespace", "return", "var", "void", "while",
    ]

    let source: SourceText
    var index = 0
    private var bytes: [UInt8] { source.utf8 }

    init(source: SourceText) { self.source = source }

    /// Tokenizes the whole source.
    static func tokenize(_ source: SourceText) throws(CELError) -> [Token] {
        var lexer = Lexer(source: source)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    func peek(_ ahead: Int = 0) -> UInt8? {
        let position = index + ahead
        return position < bytes.count ? bytes[position] : nil
    }

    func error(_ reason: String, at offset: Int) -> CELError {
        .syntax(reason, at: source.location(of: offset))
    }

    mutating func advance(_ count: Int = 1) { index += count }

    mutating func skipTrivia() {
        while let byte = peek() {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C {
                advance()
            } else if byte == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "/") {
                while let next = peek(), next != 0x0A { advance() }
            } else {
                return
            }
        }
    }

    mutating func next() throws(CELError) -> Token {
        skipTrivia()
        let start = index
        guard let byte = peek() else { return Token(kind: .end, offset: start) }
        if isDigit(byte) || (byte == UInt8(ascii: ".") && peek(1).map(isDigit) == true) {
            return try lexNumber()
        }
        if isIdentifierStart(byte) {
            // String prefixes: r, R, b, B and their combinations.
            if let prefixed = try lexPrefixedString() { return prefixed }
            var end = index
            while end < bytes.count, isIdentifierPart(bytes[end]) { end += 1 }
            let name = String(decoding: bytes[index..<end], as: UTF8.self)
            index = end
            switch name {
            case "true": return Token(kind: .true, offset: start)
            case "false": return Token(kind: .false, offset: start)
            case "null": return Token(kind: .null, offset: start)
            case "in": return Token(kind: .in, offset: start)
            default:
                if Lexer.reservedWords.contains(name) { return Token(kind: .reserved(name), offset: start) }
                return Token(kind: .identifier(name), offset: start)
            }
        }
        if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
            let text = try lexQuoted(raw: false, bytesMode: false)
            return Token(kind: .string(String(decoding: text, as: UTF8.self)), offset: start)
        }
        if byte == UInt8(ascii: "`") {
            advance()
            var end = index
            while end < bytes.count, bytes[end] != UInt8(ascii: "`"), bytes[end] != 0x0A { end += 1 }
            guard end < bytes.count, bytes[end] == UInt8(ascii: "`"), end > index else {
                throw error("unterminated quoted identifier", at: start)
            }
            let name = String(decoding: bytes[index..<end], as: UTF8.self)
            index = end + 1
            return Token(kind: .quotedIdentifier(name), offset: start)
        }
        return try lexPunctuation(start: start, byte: byte)
    }

    private mutating func lexPunctuation(start: Int, byte: UInt8) throws(CELError) -> Token {
        let second = peek(1)
        func two(_ expected: Character) -> Bool { second == expected.asciiValue }
        let punctuation: Token.Punctuation
        var length = 1
        switch byte {
        case UInt8(ascii: "("): punctuation = .lParen
        case UInt8(ascii: ")"): punctuation = .rParen
        case UInt8(ascii: "["): punctuation = .lBracket
        case UInt8(ascii: "]"): punctuation = .rBracket
        case UInt8(ascii: "{"): punctuation = .lBrace
        case UInt8(ascii: "}"): punctuation = .rBrace
        case UInt8(ascii: "."): punctuation = .dot
        case UInt8(ascii: ","): punctuation = .comma
        case UInt8(ascii: ":"): punctuation = .colon
        case UInt8(ascii: "?"): punctuation = .question
        case UInt8(ascii: "+"): punctuation = .plus
        case UInt8(ascii: "-"): punctuation = .minus
        case UInt8(ascii: "*"): punctuation = .star
        case UInt8(ascii: "/"): punctuation = .slash
        case UInt8(ascii: "%"): punctuation = .percent
        case UInt8(ascii: "="):
            guard two("=") else { throw error("unexpected '=' (did you mean '=='?)", at: start) }
            punctuation = .equal
            length = 2
        case UInt8(ascii: "!"):
            if two("=") { punctuation = .notEqual; length = 2 } else { punctuation = .not }
        case UInt8(ascii: "<"):
            if two("=") { punctuation = .lessEqual; length = 2 } else { punctuation = .less }
        case UInt8(ascii: ">"):
            if two("=") { punctuation = .greaterEqual; length = 2 } else { punctuation = .greater }
        case UInt8(ascii: "&"):
            guard two("&") else { throw error("unexpected '&' (did you mean '&&'?)", at: start) }
            punctuation = .and
            length = 2
        case UInt8(ascii: "|"):
            guard two("|") else { throw error("unexpected '|' (did you mean '||'?)", at: start) }
            punctuation = .or
            length = 2
        default:
            let scalarEnd = Lexer.scalarEnd(bytes, from: start)
            let text = String(decoding: bytes[start..<scalarEnd], as: UTF8.self)
            throw error("token recognition error at: '\(text)'", at: start)
        }
        advance(length)
        return Token(kind: .punctuation(punctuation), offset: start)
    }

    static func scalarEnd(_ bytes: [UInt8], from start: Int) -> Int {
        var end = start + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return min(end, bytes.count)
    }

    func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= 0x61 && byte <= 0x66) || (byte >= 0x41 && byte <= 0x46)
    }
    func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == 0x5F
    }
    func isIdentifierPart(_ byte: UInt8) -> Bool { isIdentifierStart(byte) || isDigit(byte) }
}
