extension Regex {
    /// Rejects patterns outside RE2's syntax that ICU would accept, and patterns that make ICU's
    /// backtracking engine exponential (RE2 is linear): backreferences, look-around, atomic and
    /// possessive constructs, and a quantified group that itself contains a quantifier such as `(a+)+`.
    static func validate(_ pattern: String) -> CELError? {
        let scalars = Array(pattern.unicodeScalars)
        var index = 0
        // For each open group: whether it contains a repetition.
        var groups: [Bool] = []
        var lastGroupHadRepetition = false
        func reject(_ reason: String) -> CELError {
            CELError(code: .invalidRegex, reason: "unsupported regular expression '\(pattern)': \(reason)")
        }
        func isQuantifier(at position: Int) -> (Bool, unbounded: Bool) {
            guard position < scalars.count else { return (false, false) }
            switch scalars[position] {
            case "*", "+": return (true, true)
            case "?": return (true, false)
            case "{":
                var end = position + 1
                while end < scalars.count, scalars[end] != "}" { end += 1 }
                guard end < scalars.count else { return (false, false) }
                let body = String(String.UnicodeScalarView(scalars[(position + 1)..<end]))
                let parts = body.split(separator: ",", omittingEmptySubsequences: false)
                guard !parts.isEmpty, parts.count <= 2, parts.allSatisfy({ $0.isEmpty || Int($0) != nil }),
                    Int(parts[0]) != nil
                else { return (false, false) }
                let unbounded = parts.count == 2 && (parts[1].isEmpty || (Int(parts[1]) ?? 0) > 1)
                return (true, unbounded)
            default: return (false, false)
            }
        }
        func markRepetition() {
            if !groups.isEmpty { groups[groups.count - 1] = true }
        }
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "\\":
                guard index + 1 < scalars.count else { return reject("trailing backslash") }
                let next = scalars[index + 1]
                if ("1"..."9").contains(next) { return reject("backreferences are not supported by RE2") }
                if next == "k" { return reject("named backreferences are not supported by RE2") }
                index += 2
                lastGroupHadRepetition = false
            case "[":
                // Skip a character class, honouring escapes and a leading ']' or '^]'.
                index += 1
                if index < scalars.count, scalars[index] == "^" { index += 1 }
                if index < scalars.count, scalars[index] == "]" { index += 1 }
                while index < scalars.count, scalars[index] != "]" {
                    index += scalars[index] == "\\" ? 2 : 1
                }
                index += 1
                lastGroupHadRepetition = false
            case "(":
                if index + 2 < scalars.count, scalars[index + 1] == "?" {
                    let kind = scalars[index + 2]
                    if kind == "=" || kind == "!" || kind == ">" {
                        return reject("look-ahead and atomic groups are not supported by RE2")
                    }
                    if kind == "<", index + 3 < scalars.count, scalars[index + 3] == "=" || scalars[index + 3] == "!" {
                        return reject("look-behind is not supported by RE2")
                    }
                }
                groups.append(false)
                index += 1
            case ")":
                lastGroupHadRepetition = groups.popLast() ?? false
                index += 1
                let (quantified, unbounded) = isQuantifier(at: index)
                if quantified {
                    if unbounded && lastGroupHadRepetition {
                        return reject("nested repetition such as (a+)+ can take exponential time")
                    }
                    markRepetition()
                }
                if lastGroupHadRepetition { markRepetition() }
                continue
            default:
                index += 1
            }
            let (quantified, unbounded) = isQuantifier(at: index)
            if quantified {
                if unbounded { markRepetition() }
                // Skip the quantifier and a possessive '+' (not RE2) or lazy '?'.
                if scalars[index] == "{" {
                    while index < scalars.count, scalars[index] != "}" { index += 1 }
                }
                index += 1
                if index < scalars.count, scalars[index] == "+" { return reject("possessive quantifiers are not supported by RE2") }
                if index < scalars.count, scalars[index] == "?" { index += 1 }
            }
        }
        return nil
    }
}
