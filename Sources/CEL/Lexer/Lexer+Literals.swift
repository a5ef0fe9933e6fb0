extension Lexer {
    /// Lexes an int, uint or double literal (decimal or hex).
    mutating func lexNumber() throws(CELError) -> Token {
        let start = index
        if peek() == UInt8(ascii: "0"), let x = peek(1), x == UInt8(ascii: "x") || x == UInt8(ascii: "X") {
            advance(2)
            let digitsStart = index
            while let byte = peek(), isHexDigit(byte) { advance() }
            guard index > digitsStart else { throw error("invalid hex literal", at: start) }
            let digits = String(decoding: source.utf8[digitsStart..<index], as: UTF8.self)
            guard let magnitude = UInt64(digits, radix: 16) else { throw error("hex literal out of range", at: start) }
            return try integerToken(magnitude, start: start)
        }
        while let byte = peek(), isDigit(byte) { advance() }
        var isDouble = false
        if peek() == UInt8(ascii: "."), let next = peek(1), isDigit(next) {
            isDouble = true
            advance()
            while let byte = peek(), isDigit(byte) { advance() }
        }
        if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            var lookahead = 1
            if let sign = peek(1), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { lookahead = 2 }
            if let digit = peek(lookahead), isDigit(digit) {
                isDouble = true
                advance(lookahead)
                while let byte = peek(), isDigit(byte) { advance() }
            }
        }
        let text = String(decoding: source.utf8[start..<index], as: UTF8.self)
        if isDouble {
            guard let value = Double(text) else { throw error("invalid double literal '\(text)'", at: start) }
            return Token(kind: .double(value), offset: start)
        }
        guard let magnitude = UInt64(text) else { throw error("integer literal out of range: \(text)", at: start) }
        return try integerToken(magnitude, start: start)
    }

    private mutating func integerToken(_ magnitude: UInt64, start: Int) throws(CELError) -> Token {
        if let suffix = peek(), suffix == UInt8(ascii: "u") || suffix == UInt8(ascii: "U") {
            advance()
            return Token(kind: .uint(magnitude), offset: start)
        }
        if magnitude > UInt64(Int64.max) { return Token(kind: .intMagnitude(magnitude), offset: start) }
        return Token(kind: .int(Int64(magnitude)), offset: start)
    }

    /// Lexes `r'…'`, `b"…"`, `br'''…'''` and friends; returns nil when the identifier is not a prefix.
    mutating func lexPrefixedString() throws(CELError) -> Token? {
        let start = index
        var raw = false
        var isBytes = false
        var length = 0
        for offset in 0..<2 {
            guard let byte = peek(offset) else { break }
            if (byte == UInt8(ascii: "r") || byte == UInt8(ascii: "R")) && !raw {
                raw = true
            } else if (byte == UInt8(ascii: "b") || byte == UInt8(ascii: "B")) && !isBytes {
                isBytes = true
            } else {
                break
            }
            length = offset + 1
            if let quote = peek(length), quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") {
                advance(length)
                let content = try lexQuoted(raw: raw, bytesMode: isBytes)
                if isBytes { return Token(kind: .bytes(content), offset: start) }
                return Token(kind: .string(String(decoding: content, as: UTF8.self)), offset: start)
            }
        }
        return nil
    }

    /// Lexes a quoted literal starting at the opening quote; returns its bytes (UTF-8 for strings).
    mutating func lexQuoted(raw: Bool, bytesMode: Bool) throws(CELError) -> [UInt8] {
        let start = index
        guard let quote = peek() else { throw error("unterminated string", at: start) }
        let triple = peek(1) == quote && peek(2) == quote
        advance(triple ? 3 : 1)
        var output: [UInt8] = []
        while true {
            guard let byte = peek() else { throw error("unterminated string literal", at: start) }
            if byte == quote {
                if !triple {
                    advance()
                    return output
                }
                if peek(1) == quote && peek(2) == quote {
                    advance(3)
                    return output
                }
            }
            if !triple && (byte == 0x0A || byte == 0x0D) {
                throw error("newline in single-quoted string literal", at: index)
            }
            if byte == UInt8(ascii: "\\") && !raw {
                try lexEscape(into: &output, bytesMode: bytesMode)
                continue
            }
            output.append(byte)
            advance()
        }
    }

    private mutating func lexEscape(into output: inout [UInt8], bytesMode: Bool) throws(CELError) {
        let escapeStart = index
        advance()
        guard let kind = peek() else { throw error("unterminated escape sequence", at: escapeStart) }
        advance()
        func simple(_ byte: UInt8) { output.append(byte) }
        switch kind {
        case UInt8(ascii: "a"): simple(0x07)
        case UInt8(ascii: "b"): simple(0x08)
        case UInt8(ascii: "f"): simple(0x0C)
        case UInt8(ascii: "n"): simple(0x0A)
        case UInt8(ascii: "r"): simple(0x0D)
        case UInt8(ascii: "t"): simple(0x09)
        case UInt8(ascii: "v"): simple(0x0B)
        case UInt8(ascii: "\\"), UInt8(ascii: "?"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "`"):
            simple(kind)
        case UInt8(ascii: "x"), UInt8(ascii: "X"):
            let value = try readDigits(count: 2, radix: 16, escapeStart: escapeStart)
            appendCode(value, to: &output, bytesMode: bytesMode)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let value = try readDigits(count: kind == UInt8(ascii: "u") ? 4 : 8, radix: 16, escapeStart: escapeStart)
            guard let scalar = Unicode.Scalar(value) else {
                throw error("invalid unicode code point in escape sequence", at: escapeStart)
            }
            output.append(contentsOf: Array(String(Character(scalar)).utf8))
        case UInt8(ascii: "0")...UInt8(ascii: "3"):
            index -= 1
            let value = try readDigits(count: 3, radix: 8, escapeStart: escapeStart)
            appendCode(value, to: &output, bytesMode: bytesMode)
        default:
            throw error("invalid escape sequence", at: escapeStart)
        }
    }

    private mutating func readDigits(count: Int, radix: UInt32, escapeStart: Int) throws(CELError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<count {
            guard let byte = peek(), let digit = digitValue(byte), digit < radix else {
                throw error("invalid escape sequence", at: escapeStart)
            }
            value = value &* radix &+ digit
            advance()
        }
        return value
    }

    private func digitValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x30...0x39: return UInt32(byte - 0x30)
        case 0x61...0x66: return UInt32(byte - 0x61 + 10)
        case 0x41...0x46: return UInt32(byte - 0x41 + 10)
        default: return nil
        }
    }

    private func appendCode(_ value: UInt32, to output: inout [UInt8], bytesMode: Bool) {
        if bytesMode {
            output.append(UInt8(truncatingIfNeeded: value))
        } else if let scalar = Unicode.Scalar(value) {
            output.append(contentsOf: Array(String(Character(scalar)).utf8))
        }
    }
}
