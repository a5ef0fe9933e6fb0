/// String functions of the standard library and of the cel-go strings extension.
/// Indices count Unicode code points.
enum Strings {
    static func contains(_ s: CELValue, _ t: CELValue) -> CELValue {
        guard case .string(let a) = s, case .string(let b) = t else { return noOverload("contains", s, t) }
        return .bool(b.isEmpty || indexOf(Array(a.unicodeScalars), Array(b.unicodeScalars), from: 0) != nil)
    }

    static func startsWith(_ s: CELValue, _ t: CELValue) -> CELValue {
        guard case .string(let a) = s, case .string(let b) = t else { return noOverload("startsWith", s, t) }
        return .bool(a.unicodeScalars.starts(with: b.unicodeScalars))
    }

    static func endsWith(_ s: CELValue, _ t: CELValue) -> CELValue {
        guard case .string(let a) = s, case .string(let b) = t else { return noOverload("endsWith", s, t) }
        return .bool(a.unicodeScalars.reversed().starts(with: b.unicodeScalars.reversed()))
    }

    static func size(_ value: CELValue) -> CELValue {
        switch value {
        case .string(let s): return .int(Int64(s.unicodeScalars.count))
        case .bytes(let b): return .int(Int64(b.count))
        case .list(let l): return .int(Int64(l.count))
        case .map(let m): return .int(Int64(m.count))
        default: return noOverload("size", value)
        }
    }

    static func indexOf(_ haystack: [Unicode.Scalar], _ needle: [Unicode.Scalar], from start: Int) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var position = start
        while position + needle.count <= haystack.count {
            if haystack[position..<position + needle.count].elementsEqual(needle) { return position }
            position += 1
        }
        return nil
    }

    static func charAt(_ s: CELValue, _ i: CELValue) -> CELValue {
        guard case .string(let text) = s, case .int(let index) = i else { return noOverload("charAt", s, i) }
        let scalars = Array(text.unicodeScalars)
        guard index >= 0, index <= scalars.count else { return .error(.indexOutOfRange(index)) }
        if index == scalars.count { return .string("") }
        return .string(String(scalars[Int(index)]))
    }

    static func indexOf(_ arguments: [CELValue]) -> CELValue {
        guard arguments.count >= 2, arguments.count <= 3, case .string(let text) = arguments[0],
            case .string(let sub) = arguments[1]
        else { return noOverload("indexOf", arguments) }
        var start: Int64 = 0
        if arguments.count == 3 {
            guard case .int(let value) = arguments[2] else { return noOverload("indexOf", arguments) }
            start = value
        }
        let scalars = Array(text.unicodeScalars)
        guard start >= 0, start <= scalars.count else { return .error(.indexOutOfRange(start)) }
        return .int(Int64(indexOf(scalars, Array(sub.unicodeScalars), from: Int(start)) ?? -1))
    }

    static func lastIndexOf(_ arguments: [CELValue]) -> CELValue {
        guard arguments.count >= 2, arguments.count <= 3, case .string(let text) = arguments[0],
            case .string(let sub) = arguments[1]
        else { return noOverload("lastIndexOf", arguments) }
        let scalars = Array(text.unicodeScalars)
        let needle = Array(sub.unicodeScalars)
        var start = Int64(scalars.count)
        if arguments.count == 3 {
            guard case .int(let value) = arguments[2] else { return noOverload("lastIndexOf", arguments) }
            guard value >= 0, value <= scalars.count else { return .error(.indexOutOfRange(value)) }
            start = value
        }
        var position = min(Int(start), scalars.count - needle.count)
        while position >= 0 {
            if scalars[position..<position + needle.count].elementsEqual(needle) { return .int(Int64(position)) }
            position -= 1
        }
        return .int(-1)
    }

    static func lowerAscii(_ s: CELValue) -> CELValue {
        guard case .string(let text) = s else { return noOverload("lowerAscii", s) }
        return .string(String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            ("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32) ?? scalar : scalar
        })))
    }

    static func upperAscii(_ s: CELValue) -> CELValue {
        guard case .string(let text) = s else { return noOverload("upperAscii", s) }
        return .string(String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            ("a"..."z").contains(scalar) ? Unicode.Scalar(scalar.value - 32) ?? scalar : scalar
        })))
    }

    static func replace(_ arguments: [CELValue]) -> CELValue {
        guard arguments.count >= 3, arguments.count <= 4, case .string(let text) = arguments[0],
            case .string(let old) = arguments[1], case .string(let new) = arguments[2]
        else { return noOverload("replace", arguments) }
        var limit: Int64 = -1
        if arguments.count == 4 {
            guard case .int(let value) = arguments[3] else { return noOverload("replace", arguments) }
            limit = value
        }
        if limit == 0 { return .string(text) }
        // Works on UTF-8: a match of a valid UTF-8 needle always starts on a code point boundary.
        let bytes = Array(text.utf8)
        let needle = Array(old.utf8)
        let replacement = Array(new.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var replaced: Int64 = 0
        var position = 0
        if needle.isEmpty {
            // Insert before every code point and at the end.
            while position <= bytes.count {
                if limit >= 0 && replaced >= limit { break }
                output.append(contentsOf: replacement)
                replaced += 1
                guard position < bytes.count else {
                    position += 1
                    break
                }
                var end = position + 1
                while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
                output.append(contentsOf: bytes[position..<end])
                position = end
            }
            if position < bytes.count { output.append(contentsOf: bytes[position...]) }
            return .string(String(decoding: output, as: UTF8.self))
        }
        while position + needle.count <= bytes.count {
            if limit >= 0 && replaced >= limit { break }
            if bytes[position] == needle[0] && bytes[position..<position + needle.count].elementsEqual(needle) {
                output.append(contentsOf: replacement)
                position += needle.count
                replaced += 1
            } else {
                output.append(bytes[position])
                position += 1
            }
        }
        if position < bytes.count { output.append(contentsOf: bytes[position...]) }
        return .string(String(decoding: output, as: UTF8.self))
    }

    static func split(_ arguments: [CELValue]) -> CELValue {
        guard arguments.count >= 2, arguments.count <= 3, case .string(let text) = arguments[0],
            case .string(let separator) = arguments[1]
        else { return noOverload("split", arguments) }
        var limit: Int64 = -1
        if arguments.count == 3 {
            guard case .int(let value) = arguments[2] else { return noOverload("split", arguments) }
            limit = value
        }
        if limit == 0 { return .list([]) }
        let scalars = Array(text.unicodeScalars)
        let needle = Array(separator.unicodeScalars)
        var parts: [CELValue] = []
        if needle.isEmpty {
            for (offset, scalar) in scalars.enumerated() {
                if limit > 0 && Int64(parts.count) == limit - 1 {
                    parts.append(.string(String(String.UnicodeScalarView(scalars[offset...]))))
                    return .list(parts)
                }
                parts.append(.string(String(scalar)))
            }
            return .list(parts)
        }
        var position = 0
        while true {
            if limit > 0 && Int64(parts.count) == limit - 1 { break }
            guard let found = indexOf(scalars, needle, from: position) else { break }
            parts.append(.string(String(String.UnicodeScalarView(scalars[position..<found]))))
            position = found + needle.count
        }
        parts.append(.string(String(String.UnicodeScalarView(scalars[min(position, scalars.count)...]))))
        return .list(parts)
    }

    static func substring(_ arguments: [CELValue]) -> CELValue {
        guard arguments.count >= 2, arguments.count <= 3, case .string(let text) = arguments[0],
            case .int(let start) = arguments[1]
        else { return noOverload("substring", arguments) }
        let scalars = Array(text.unicodeScalars)
        var end = Int64(scalars.count)
        if arguments.count == 3 {
            guard case .int(let value) = arguments[2] else { return noOverload("substring", arguments) }
            end = value
        }
        guard start >= 0, start <= scalars.count else { return .error(.indexOutOfRange(start)) }
        guard end >= 0, end <= scalars.count else { return .error(.indexOutOfRange(end)) }
        guard start <= end else {
            return .error(.invalidArgument("invalid substring range. start: \(start), end: \(end)"))
        }
        return .string(String(String.UnicodeScalarView(scalars[Int(start)..<Int(end)])))
    }

    static func trim(_ s: CELValue) -> CELValue {
        guard case .string(let text) = s else { return noOverload("trim", s) }
        let scalars = Array(text.unicodeScalars)
        var start = 0
        var end = scalars.count
        while start < end, scalars[start].properties.isWhitespace { start += 1 }
        while end > start, scalars[end - 1].properties.isWhitespace { end -= 1 }
        return .string(String(String.UnicodeScalarView(scalars[start..<end])))
    }

    static func join(_ arguments: [CELValue]) -> CELValue {
        guard arguments.count >= 1, arguments.count <= 2, case .list(let elements) = arguments[0] else {
            return noOverload("join", arguments)
        }
        var separator = ""
        if arguments.count == 2 {
            guard case .string(let value) = arguments[1] else { return noOverload("join", arguments) }
            separator = value
        }
        var parts: [String] = []
        for element in elements {
            guard case .string(let text) = element else { return noOverload("join", arguments) }
            parts.append(text)
        }
        return .string(parts.joined(separator: separator))
    }

    static func reverse(_ s: CELValue) -> CELValue {
        guard case .string(let text) = s else { return noOverload("reverse", s) }
        return .string(String(String.UnicodeScalarView(text.unicodeScalars.reversed())))
    }

    static func quote(_ s: CELValue) -> CELValue {
        guard case .string(let text) = s else { return noOverload("strings.quote", s) }
        return .string(CELValue.quote(text))
    }
}

/// `noOverload` for an argument array.
func noOverload(_ function: String, _ arguments: [CELValue]) -> CELValue {
    for argument in arguments where argument.isError { return argument }
    let types = arguments.map { $0.celType.description }.joined(separator: ", ")
    return .error(CELError(code: .noMatchingOverload, reason: "no such overload: \(function)(\(types))"))
}
