/// A recursive-descent parser for the CEL grammar (cel-spec langdef.md) producing ``Expr``.
struct Parser {
    let source: SourceText
    let options: ParserOptions
    private var tokens: [Token] = []
    private var position = 0
    private var nextID = 1
    private var depth = 0

    init(source: SourceText, options: ParserOptions) {
        self.source = source
        self.options = options
    }

    /// Parses a whole expression.
    static func parse(_ text: String, options: ParserOptions = ParserOptions()) throws(CELError) -> Expr {
        try parse(SourceText(text), options: options)
    }

    /// Parses already prepared source text.
    static func parse(_ source: SourceText, options: ParserOptions) throws(CELError) -> Expr {
        guard source.utf8.count <= options.maxExpressionLength else {
            throw CELError(
                code: .expressionTooLarge,
                reason: "expression is \(source.utf8.count) bytes, more than the limit of \(options.maxExpressionLength)",
                location: SourceLocation(line: 1, column: 1, offset: 0))
        }
        var parser = Parser(source: source, options: options)
        parser.tokens = try Lexer.tokenize(source)
        let expr = try parser.parseExpression()
        guard parser.current.kind == .end else {
            throw parser.unexpected("end of expression")
        }
        if parser.nextID > options.maxNodeCount {
            throw CELError(
                code: .expressionTooLarge,
                reason: "expression has \(parser.nextID - 1) nodes, more than the limit of \(options.maxNodeCount)",
                location: source.location(of: 0))
        }
        return expr
    }

    // MARK: - Token helpers

    var current: Token { tokens[min(position, tokens.count - 1)] }
    func lookahead(_ count: Int) -> Token { tokens[min(position + count, tokens.count - 1)] }

    mutating func advance() { if position < tokens.count - 1 { position += 1 } }

    func isPunctuation(_ punctuation: Token.Punctuation, _ token: Token? = nil) -> Bool {
        if case .punctuation(let found) = (token ?? current).kind { return found == punctuation }
        return false
    }

    mutating func accept(_ punctuation: Token.Punctuation) -> Bool {
        guard isPunctuation(punctuation) else { return false }
        advance()
        return true
    }

    mutating func expect(_ punctuation: Token.Punctuation) throws(CELError) {
        guard accept(punctuation) else { throw unexpected("'\(punctuation.rawValue)'") }
    }

    func unexpected(_ expected: String) -> CELError {
        let token = current
        let found = token.kind == .end ? "end of input" : "'\(token.display)'"
        return .syntax("Syntax error: mismatched input \(found) expecting \(expected)", at: source.location(of: token.offset))
    }

    mutating func node(_ offset: Int, _ kind: Expr.Kind) -> Expr {
        defer { nextID += 1 }
        return Expr(id: nextID, offset: offset, kind: kind)
    }

    mutating func call(_ offset: Int, _ function: String, _ arguments: [Expr], target: Expr? = nil) -> Expr {
        node(offset, .call(function: function, target: target, arguments: arguments))
    }

    mutating func enter() throws(CELError) {
        depth += 1
        if depth > options.maxNestingDepth {
            throw CELError(
                code: .nestingTooDeep,
                reason: "expression nests deeper than the limit of \(options.maxNestingDepth)",
                location: source.location(of: current.offset))
        }
        if nextID > options.maxNodeCount {
            throw CELError(
                code: .expressionTooLarge,
                reason: "expression has more than \(options.maxNodeCount) nodes",
                location: source.location(of: current.offset))
        }
    }

    mutating func leave() { depth -= 1 }

    // MARK: - Grammar

    /// expr = conditionalOr ['?' conditionalOr ':' expr]
    mutating func parseExpression() throws(CELError) -> Expr {
        try enter()
        defer { leave() }
        let condition = try parseOr()
        guard isPunctuation(.question) else { return condition }
        let offset = current.offset
        advance()
        let whenTrue = try parseOr()
        try expect(.colon)
        let whenFalse = try parseExpression()
        return call(offset, Operator.conditional, [condition, whenTrue, whenFalse])
    }

    mutating func parseOr() throws(CELError) -> Expr {
        var left = try parseAnd()
        var chain = 0
        while isPunctuation(.or) {
            let offset = current.offset
            advance()
            let right = try parseAnd()
            left = call(offset, Operator.logicalOr, [left, right])
            try checkDepth(chain: &chain)
        }
        return left
    }

    /// Left-leaning operator chains make deep trees; count them against the nesting limit.
    mutating func checkDepth(chain: inout Int) throws(CELError) {
        chain += 1
        if depth + chain > options.maxNestingDepth {
            throw CELError(
                code: .nestingTooDeep,
                reason: "expression nests deeper than the limit of \(options.maxNestingDepth)",
                location: source.location(of: current.offset))
        }
    }

    mutating func parseAnd() throws(CELError) -> Expr {
        var left = try parseRelation()
        var chain = 0
        while isPunctuation(.and) {
            let offset = current.offset
            advance()
            let right = try parseRelation()
            left = call(offset, Operator.logicalAnd, [left, right])
            try checkDepth(chain: &chain)
        }
        return left
    }

    mutating func parseRelation() throws(CELError) -> Expr {
        var left = try parseAddition()
        var chain = 0
        while true {
            let function: String
            switch current.kind {
            case .punctuation(.less): function = Operator.less
            case .punctuation(.lessEqual): function = Operator.lessEquals
            case .punctuation(.greater): function = Operator.greater
            case .punctuation(.greaterEqual): function = Operator.greaterEquals
            case .punctuation(.equal): function = Operator.equals
            case .punctuation(.notEqual): function = Operator.notEquals
            case .in: function = Operator.in
            default: return left
            }
            let offset = current.offset
            advance()
            let right = try parseAddition()
            left = call(offset, function, [left, right])
            try checkDepth(chain: &chain)
        }
    }

    mutating func parseAddition() throws(CELError) -> Expr {
        var left = try parseMultiplication()
        var chain = 0
        while true {
            let function: String
            switch current.kind {
            case .punctuation(.plus): function = Operator.add
            case .punctuation(.minus): function = Operator.subtract
            default: return left
            }
            let offset = current.offset
            advance()
            let right = try parseMultiplication()
            left = call(offset, function, [left, right])
            try checkDepth(chain: &chain)
        }
    }

    mutating func parseMultiplication() throws(CELError) -> Expr {
        var left = try parseUnary()
        var chain = 0
        while true {
            let function: String
            switch current.kind {
            case .punctuation(.star): function = Operator.multiply
            case .punctuation(.slash): function = Operator.divide
            case .punctuation(.percent): function = Operator.modulo
            default: return left
            }
            let offset = current.offset
            advance()
            let right = try parseUnary()
            left = call(offset, function, [left, right])
            try checkDepth(chain: &chain)
        }
    }

    /// unary = member | '!'+ member | '-'+ member (a '-' directly before a number is part of the literal)
    mutating func parseUnary() throws(CELError) -> Expr {
        var chain = 0
        if isPunctuation(.not) {
            var offsets: [Int] = []
            while isPunctuation(.not) {
                offsets.append(current.offset)
                advance()
                try checkDepth(chain: &chain)
            }
            var operand = try parseMember()
            for offset in offsets.reversed() { operand = call(offset, Operator.logicalNot, [operand]) }
            return operand
        }
        if isPunctuation(.minus) {
            var offsets: [Int] = []
            while isPunctuation(.minus) {
                offsets.append(current.offset)
                advance()
                try checkDepth(chain: &chain)
            }
            var operand: Expr
            if let literal = negativeLiteral(offset: offsets[offsets.count - 1]) {
                advance()
                offsets.removeLast()
                operand = try parseMemberSuffix(literal)
            } else {
                operand = try parseMember()
            }
            for offset in offsets.reversed() { operand = call(offset, Operator.negate, [operand]) }
            return operand
        }
        return try parseMember()
    }

    private mutating func negativeLiteral(offset: Int) -> Expr? {
        switch current.kind {
        case .int(let value): return node(offset, .constant(.int(-value)))
        case .intMagnitude(let magnitude) where magnitude == UInt64(Int64.max) + 1:
            return node(offset, .constant(.int(Int64.min)))
        case .double(let value): return node(offset, .constant(.double(-value)))
        default: return nil
        }
    }

    mutating func parseMember() throws(CELError) -> Expr {
        let primary = try parsePrimary()
        return try parseMemberSuffix(primary)
    }

    /// member = primary { '.' IDENT ['(' args ')'] | '[' expr ']' | '{' fields '}' }
    mutating func parseMemberSuffix(_ start: Expr) throws(CELError) -> Expr {
        var expr = start
        var chain = 0
        while true {
            if isPunctuation(.dot) {
                let offset = current.offset
                advance()
                let name: String
                var quoted = false
                switch current.kind {
                case .identifier(let text), .reserved(let text): name = text
                case .quotedIdentifier(let text):
                    name = text
                    quoted = true
                case .true: name = "true"
                case .false: name = "false"
                case .null: name = "null"
                case .in: name = "in"
                default: throw unexpected("a field name")
                }
                let nameOffset = current.offset
                advance()
                if !quoted && isPunctuation(.lParen) {
                    advance()
                    let arguments = try parseArguments(closing: .rParen)
                    expr = try expandReceiverCall(name, target: expr, arguments: arguments, offset: nameOffset)
                } else {
                    expr = node(offset, .select(operand: expr, field: name, testOnly: false))
                }
            } else if isPunctuation(.lBracket) {
                let offset = current.offset
                advance()
                let index = try parseExpression()
                try expect(.rBracket)
                expr = call(offset, Operator.index, [expr, index])
            } else if isPunctuation(.lBrace), let typeName = qualifiedName(expr) {
                let offset = current.offset
                advance()
                expr = try parseMessage(typeName: typeName, offset: offset)
            } else {
                return expr
            }
            try checkDepth(chain: &chain)
        }
    }

    /// The dotted name of an identifier/select chain (`a.b.c`, `.a.b`), or nil.
    func qualifiedName(_ expr: Expr) -> String? {
        switch expr.kind {
        case .identifier(let name): return name
        case .select(let operand, let field, false):
            guard let prefix = qualifiedName(operand) else { return nil }
            return prefix + "." + field
        default: return nil
        }
    }

    mutating func parseMessage(typeName: String, offset: Int) throws(CELError) -> Expr {
        var fields: [Expr.FieldInitializer] = []
        while !isPunctuation(.rBrace) {
            guard case .identifier(let field) = current.kind else { throw unexpected("a field name") }
            advance()
            try expect(.colon)
            let value = try parseExpression()
            fields.append(Expr.FieldInitializer(field: field, value: value))
            if !accept(.comma) { break }
        }
        try expect(.rBrace)
        return node(offset, .message(typeName: typeName, fields: fields))
    }

    mutating func parseArguments(closing: Token.Punctuation) throws(CELError) -> [Expr] {
        var arguments: [Expr] = []
        if accept(closing) { return arguments }
        while true {
            arguments.append(try parseExpression())
            if accept(closing) { return arguments }
            try expect(.comma)
            if closing != .rParen, accept(closing) { return arguments }  // trailing comma in lists
        }
    }

    mutating func parsePrimary() throws(CELError) -> Expr {
        let token = current
        let offset = token.offset
        switch token.kind {
        case .int(let value):
            advance()
            return node(offset, .constant(.int(value)))
        case .intMagnitude:
            throw .syntax("integer literal out of range", at: source.location(of: offset))
        case .uint(let value):
            advance()
            return node(offset, .constant(.uint(value)))
        case .double(let value):
            advance()
            return node(offset, .constant(.double(value)))
        case .string(let value):
            advance()
            return node(offset, .constant(.string(value)))
        case .bytes(let value):
            advance()
            return node(offset, .constant(.bytes(value)))
        case .true:
            advance()
            return node(offset, .constant(.bool(true)))
        case .false:
            advance()
            return node(offset, .constant(.bool(false)))
        case .null:
            advance()
            return node(offset, .constant(.null))
        case .reserved(let word):
            throw .syntax("reserved identifier: \(word)", at: source.location(of: offset))
        case .identifier(let name):
            advance()
            if isPunctuation(.lParen) {
                advance()
                let arguments = try parseArguments(closing: .rParen)
                return try expandGlobalCall(name, arguments: arguments, offset: offset)
            }
            return node(offset, .identifier(name))
        case .punctuation(.dot):
            advance()
            guard case .identifier(let name) = current.kind else { throw unexpected("an identifier") }
            advance()
            if isPunctuation(.lParen) {
                advance()
                let arguments = try parseArguments(closing: .rParen)
                return call(offset, "." + name, arguments)
            }
            return node(offset, .identifier("." + name))
        case .punctuation(.lParen):
            advance()
            let inner = try parseExpression()
            try expect(.rParen)
            return inner
        case .punctuation(.lBracket):
            advance()
            let elements = try parseArguments(closing: .rBracket)
            return node(offset, .list(elements: elements))
        case .punctuation(.lBrace):
            advance()
            var entries: [Expr.MapEntry] = []
            while !isPunctuation(.rBrace) {
                let key = try parseExpression()
                try expect(.colon)
                let value = try parseExpression()
                entries.append(Expr.MapEntry(key: key, value: value))
                if !accept(.comma) { break }
            }
            try expect(.rBrace)
            return node(offset, .map(entries: entries))
        default:
            throw unexpected("an expression")
        }
    }
}
