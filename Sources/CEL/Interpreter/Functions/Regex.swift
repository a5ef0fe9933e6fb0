import Foundation

/// `matches` via NSRegularExpression (ICU). RE2 and ICU agree on the common syntax
/// (classes, quantifiers, anchors, groups, `(?i)` flags). Patterns RE2 rejects but ICU accepts
/// (backreferences, look-around, atomic/possessive forms) and nested repetitions that make ICU's
/// backtracking exponential are refused by ``validate(_:)``.
enum Regex {
    /// A compiled pattern shared between evaluations.
    final class Compiled: @unchecked Sendable {
        let expression: NSRegularExpression
        init(_ expression: NSRegularExpression) { self.expression = expression }
    }

    /// Compiled patterns shared by all programs (bounded; cleared when full).
    private static let cache = PatternCache()

    final class PatternCache: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: [String: Compiled] = [:]

        func value(for pattern: String) -> Compiled? {
            lock.lock()
            defer { lock.unlock() }
            return entries[pattern]
        }

        func store(_ compiled: Compiled, for pattern: String) {
            lock.lock()
            defer { lock.unlock() }
            if entries.count >= 512 { entries.removeAll(keepingCapacity: true) }
            entries[pattern] = compiled
        }
    }

    static func compile(_ pattern: String) -> Result<Compiled, CELError> {
        if let cached = cache.value(for: pattern) { return .success(cached) }
        if let error = validate(pattern) { return .failure(error) }
        // ICU rejects the empty pattern, which RE2 accepts (it matches everywhere).
        let source = pattern.isEmpty ? "(?:)" : pattern
        do {
            let compiled = Compiled(try NSRegularExpression(pattern: source, options: []))
            cache.store(compiled, for: pattern)
            return .success(compiled)
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
            // Patterns computed at run time go through the shared cache too.
            switch compile(patternText) {
            case .success(let value): compiled = value
            case .failure(let error): return .error(error)
            }
        }
        let range = NSRange(string.startIndex..<string.endIndex, in: string)
        return .bool(compiled.expression.firstMatch(in: string, options: [], range: range) != nil)
    }
}
