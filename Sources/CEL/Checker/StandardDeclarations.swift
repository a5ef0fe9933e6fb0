/// The standard library's overload signatures, as used by the checker. Each line is
/// `name(params)result` or `receiver.name(params)result` for member functions; `A`, `B` are type parameters.
enum StandardDeclarations {
    struct Signature: Sendable {
        let name: String
        let isMember: Bool
        let parameters: [CELType]
        let result: CELType
    }

    static let source: [String] = {
        var lines: [String] = []
        let numbers = ["int", "uint", "double"]
        for op in ["_+_", "_-_", "_*_", "_/_"] {
            for type in numbers { lines.append("\(op)(\(type),\(type))\(type)") }
        }
        lines += ["_%_(int,int)int", "_%_(uint,uint)uint"]
        lines += [
            "_+_(string,string)string", "_+_(bytes,bytes)bytes", "_+_(list(A),list(A))list(A)",
            "_+_(duration,duration)duration", "_+_(timestamp,duration)timestamp", "_+_(duration,timestamp)timestamp",
            "_-_(duration,duration)duration", "_-_(timestamp,duration)timestamp", "_-_(timestamp,timestamp)duration",
            "-_(int)int", "-_(double)double", "!_(bool)bool",
            "_==_(A,A)bool", "_!=_(A,A)bool",
            "_[_](list(A),int)A", "_[_](map(A,B),A)B",
            "@in(A,list(A))bool", "@in(A,map(A,B))bool",
            "size(string)int", "size(bytes)int", "size(list(A))int", "size(map(A,B))int",
            "string.size()int", "bytes.size()int", "list(A).size()int", "map(A,B).size()int",
            "int(int)int", "int(uint)int", "int(double)int", "int(string)int", "int(timestamp)int",
            "uint(uint)uint", "uint(int)uint", "uint(double)uint", "uint(string)uint",
            "double(double)double", "double(int)double", "double(uint)double", "double(string)double",
            "string(string)string", "string(int)string", "string(uint)string", "string(double)string",
            "string(bool)string", "string(bytes)string", "string(duration)string", "string(timestamp)string",
            "bytes(bytes)bytes", "bytes(string)bytes", "bool(bool)bool", "bool(string)bool",
            "type(A)type(A)", "dyn(A)dyn",
            "duration(duration)duration", "duration(string)duration", "duration(int)duration",
            "timestamp(timestamp)timestamp", "timestamp(string)timestamp", "timestamp(int)timestamp",
            "string.contains(string)bool", "string.startsWith(string)bool", "string.endsWith(string)bool",
            "string.matches(string)bool", "matches(string,string)bool",
            "string.charAt(int)string", "string.indexOf(string)int", "string.indexOf(string,int)int",
            "string.lastIndexOf(string)int", "string.lastIndexOf(string,int)int",
            "string.lowerAscii()string", "string.upperAscii()string",
            "string.replace(string,string)string", "string.replace(string,string,int)string",
            "string.split(string)list(string)", "string.split(string,int)list(string)",
            "string.substring(int)string", "string.substring(int,int)string", "string.trim()string",
            "list(string).join()string", "list(string).join(string)string", "string.reverse()string",
            "strings.quote(string)string", "string.format(list(dyn))string",
        ]
        for op in ["_<_", "_<=_", "_>_", "_>=_"] {
            for type in ["bool", "string", "bytes", "duration", "timestamp"] { lines.append("\(op)(\(type),\(type))bool") }
            for a in numbers { for b in numbers { lines.append("\(op)(\(a),\(b))bool") } }
        }
        for accessor in ["getFullYear", "getMonth", "getDate", "getDayOfMonth", "getDayOfWeek", "getDayOfYear"] {
            lines += ["timestamp.\(accessor)()int", "timestamp.\(accessor)(string)int"]
        }
        for accessor in ["getHours", "getMinutes", "getSeconds", "getMilliseconds"] {
            lines += ["timestamp.\(accessor)()int", "timestamp.\(accessor)(string)int", "duration.\(accessor)()int"]
        }
        return lines
    }()

    /// Signatures by function name.
    static let signatures: [String: [Signature]] = {
        var table: [String: [Signature]] = [:]
        for line in source {
            guard let signature = parse(line) else { continue }
            table[signature.name, default: []].append(signature)
        }
        return table
    }()

    /// Finds the parameter group: the first top-level `(…)` followed by a parseable result type.
    static func parse(_ line: String) -> Signature? {
        let characters = Array(line)
        var depth = 0
        var groupStart = 0
        for (offset, character) in characters.enumerated() {
            if character == "(" {
                if depth == 0 { groupStart = offset }
                depth += 1
            } else if character == ")" {
                depth -= 1
                guard depth == 0 else { continue }
                let result = String(characters[(offset + 1)...])
                guard let resultType = parseType(result) else { continue }
                let head = String(characters[..<groupStart])
                var parameters = splitTypes(String(characters[(groupStart + 1)..<offset])).compactMap(parseType)
                var name = head
                var isMember = false
                if head != "strings.quote", let dot = lastTopLevelDot(head) {
                    isMember = true
                    name = String(head[head.index(after: dot)...])
                    guard let receiver = parseType(String(head[..<dot])) else { return nil }
                    parameters.insert(receiver, at: 0)
                }
                return Signature(name: name, isMember: isMember, parameters: parameters, result: resultType)
            }
        }
        return nil
    }

    static func lastTopLevelDot(_ text: String) -> String.Index? {
        var depth = 0
        var last: String.Index?
        for index in text.indices {
            switch text[index] {
            case "(": depth += 1
            case ")": depth -= 1
            case "." where depth == 0: last = index
            default: break
            }
        }
        return last
    }

    static func splitTypes(_ text: String) -> [String] {
        var parts: [String] = []
        var depth = 0
        var current = ""
        for character in text {
            if character == "," && depth == 0 {
                parts.append(current)
                current = ""
                continue
            }
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            current.append(character)
        }
        if !current.isEmpty { parts.append(current) }
        return parts
    }

    static func parseType(_ text: String) -> CELType? {
        switch text {
        case "int": return .int
        case "uint": return .uint
        case "double": return .double
        case "bool": return .bool
        case "string": return .string
        case "bytes": return .bytes
        case "null_type": return .null
        case "duration": return .duration
        case "timestamp": return .timestamp
        case "dyn": return .dyn
        case "type": return .type(nil)
        case "A", "B": return .parameter(text)
        default: break
        }
        guard let open = text.firstIndex(of: "("), text.hasSuffix(")") else { return nil }
        let head = text[..<open]
        let inner = splitTypes(String(text[text.index(after: open)..<text.index(before: text.endIndex)]))
            .compactMap(parseType)
        switch (head, inner.count) {
        case ("list", 1): return .list(inner[0])
        case ("map", 2): return .map(inner[0], inner[1])
        case ("type", 1): return .type(inner[0])
        default: return nil
        }
    }
}
