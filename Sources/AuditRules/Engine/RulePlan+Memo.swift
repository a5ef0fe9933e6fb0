import CEL
import Foundation

extension RulePlan {
    /// Values of a term (or condition) already computed for a person, by the record fields it
    /// reads. Keys are hashed: a pensioner has a payment a month, each with its own period, so a
    /// list searched from the start would make a person's cost grow with the square of their
    /// payments. Two keys are equal exactly when ``RulePlan/same(_:_:)`` says so field by field;
    /// a key holding a value `same` never matches (a double, a list) is computed every time.
    struct Memo {
        let readers: [FieldReader]
        private var values: [Key: CELValue] = [:]
        /// Whether values are kept: with one record or none, nothing could be looked up again.
        private let keeps: Bool

        /// A memo for `records` records (at most).
        init(readers: [FieldReader], records: Int) {
            self.readers = readers
            keeps = records > 1
            if keeps { values.reserveCapacity(records) }
        }

        /// The value for the record at `position`, computed by `evaluate` on first sight of its key.
        mutating func value(at position: Int, _ bound: BoundTimeline, _ evaluate: () -> CELValue) -> CELValue {
            guard keeps else { return evaluate() }
            let parts = readers.map { $0(bound, position) }
            guard parts.allSatisfy(Key.isComparable) else { return evaluate() }
            let key = Key(parts: parts)
            if let known = values[key] { return known }
            let value = evaluate()
            values[key] = value
            return value
        }

        /// Field values compared as ``RulePlan/same(_:_:)`` compares them: strings byte for byte.
        struct Key: Hashable {
            let parts: [CELValue]

            /// Whether `same` can find the value equal to another (null, bool, int, string).
            static func isComparable(_ value: CELValue) -> Bool {
                switch value {
                case .null, .bool, .int, .string: true
                default: false
                }
            }

            static func == (a: Key, b: Key) -> Bool {
                a.parts.count == b.parts.count && zip(a.parts, b.parts).allSatisfy { RulePlan.same($0, $1) }
            }

            func hash(into hasher: inout Hasher) {
                for part in parts {
                    switch part {
                    case .null: hasher.combine(0 as UInt8)
                    case .bool(let flag):
                        hasher.combine(1 as UInt8)
                        hasher.combine(flag)
                    case .int(let n):
                        hasher.combine(2 as UInt8)
                        hasher.combine(n)
                    case .string(let text):
                        hasher.combine(3 as UInt8)
                        var text = text
                        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
                    default: hasher.combine(4 as UInt8)
                    }
                }
            }
        }
    }
}
