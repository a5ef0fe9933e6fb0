/// A blocking rule: two records become a candidate pair when they agree, non-null, on every
/// key of the rule. A key is a column name, or `prefix(column, n)` (its first n characters) or
/// `pinyin(column)` (its toneless pinyin, so 张 and 章 share a block).
public struct BlockingRule: Sendable, Hashable, CustomStringConvertible {
    /// One key of a rule.
    public enum Key: Sendable, Hashable, CustomStringConvertible {
        case column(String)
        case prefix(String, Int)
        case pinyin(String)

        /// The column the key reads.
        public var column: String {
            switch self {
            case .column(let c), .prefix(let c, _), .pinyin(let c): c
            }
        }

        public var description: String {
            switch self {
            case .column(let c): c
            case .prefix(let c, let n): "prefix(\(c), \(n))"
            case .pinyin(let c): "pinyin(\(c))"
            }
        }

        /// Parses `column`, `prefix(column, n)` or `pinyin(column)`.
        public init?(parsing text: String) {
            let t = text.trimmingSpaces()
            guard !t.isEmpty else { return nil }
            if t.hasSuffix(")"), let open = t.firstIndex(of: "(") {
                let function = String(t[..<open]).trimmingSpaces()
                let arguments = t[t.index(after: open)..<t.index(before: t.endIndex)]
                    .split(separator: ",").map { String($0).trimmingSpaces() }
                switch (function, arguments.count) {
                case ("prefix", 2), ("substr", 2):
                    guard let n = Int(arguments[1]), n > 0, !arguments[0].isEmpty else { return nil }
                    self = .prefix(arguments[0], n)
                case ("pinyin", 1):
                    guard !arguments[0].isEmpty else { return nil }
                    self = .pinyin(arguments[0])
                default:
                    return nil
                }
                return
            }
            guard !t.contains("(") && !t.contains(")") else { return nil }
            self = .column(t)
        }

        /// The value this key takes from a column value.
        func derive(_ value: String) -> String {
            switch self {
            case .column: value
            case .prefix(_, let n): value.count >= n ? String(value.prefix(n)) : ""
            case .pinyin: Hanzi.pinyinKey(value)
            }
        }
    }

    /// The keys that must all agree.
    public let keys: [Key]

    public init(keys: [Key]) { self.keys = keys }

    /// A rule over plain columns.
    public init(columns: [String]) { self.keys = columns.map { .column($0) } }

    public var description: String { "[" + keys.map(\.description).joined(separator: ", ") + "]" }
}
