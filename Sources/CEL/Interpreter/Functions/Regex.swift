import Foundation

/// `matches` via NSRegularExpression (ICU). RE2 and ICU agree on the common syntax
/// (classes, quantifiers, anchors, groups, `(?i)` flags); ICU additionally accepts
/// backreferences and look-around, which RE2 rejects.
enum Regex {
    /// A compiled pattern shared between evaluations.
    final class Compiled: @unchecked Sendable {
        let expression: NSRegularExpression
        init(_ expression: NSRegularExpression) { self.expression = expression }
    }

    static func compile(_ pattern: String) -> Result<Compiled, CELError> {
        // ICU rejects the empty pattern, which RE2 accepts (it matches everywhere).
        let pattern = pattern.isEmpty ? "(?:)" : pattern
        do {
            return .success(Compiled(try NSRegularExpression(pattern: pattern, options: [])))
        } catch {
            return .failure(CELError(code: .invalidRegex, reason: "invalid regular expression: \(pattern)"))
        }
    }

    static func matches(_ text: CELValue, _ pattern: CELValue, cache: Compiled?) -> CELValue {
        guard case .string(let string) = text, case .string(let patternText) = pattern else {
            return noOverload("matches", text, pattern)
        }
        let compiled: Compiled
        if let cache {
            compiled = cache
        } else {
            switch compile(patternText) {
            case .success(let value): compiled = value
            case .failure(let error): return .error(error)
            }
        }
        let range = NSRange(string.startIndex..<string.endIndex, in: string)
        return .bool(compiled.expression.firstMatch(in: string, options: [], range: range) != nil)
    }
}
