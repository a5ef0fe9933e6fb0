public import Foundation

/// A Swift value that converts to a ``CELValue``; used by host objects to return field values
/// (`return CELValue(payment.paidAt)`) and to bind variables.
public protocol CELValueConvertible {
    /// The value as CEL sees it.
    var celValue: CELValue { get }
}

extension CELValue {
    /// Converts any convertible Swift value.
    public init(_ value: some CELValueConvertible) { self = value.celValue }
}

extension CELValue: CELValueConvertible {
    public var celValue: CELValue { self }
}

extension Bool: CELValueConvertible {
    public var celValue: CELValue { .bool(self) }
}

extension Int: CELValueConvertible {
    public var celValue: CELValue { .int(Int64(self)) }
}

extension Int64: CELValueConvertible {
    public var celValue: CELValue { .int(self) }
}

extension Int32: CELValueConvertible {
    public var celValue: CELValue { .int(Int64(self)) }
}

extension UInt64: CELValueConvertible {
    public var celValue: CELValue { .uint(self) }
}

extension Double: CELValueConvertible {
    public var celValue: CELValue { .double(self) }
}

extension Decimal: CELValueConvertible {
    /// Decimals become doubles (CEL has no decimal type).
    public var celValue: CELValue { .double(NSDecimalNumber(decimal: self).doubleValue) }
}

extension String: CELValueConvertible {
    public var celValue: CELValue { .string(self) }
}

extension Data: CELValueConvertible {
    public var celValue: CELValue { .bytes(Array(self)) }
}

extension Date: CELValueConvertible {
    /// Dates become timestamps; dates outside years 1–9999 become a range error value.
    public var celValue: CELValue {
        guard let timestamp = CELTimestamp(self) else {
            return .error(CELError(code: .outOfRange, reason: "date \(self) is outside the timestamp range"))
        }
        return .timestamp(timestamp)
    }
}

extension Optional: CELValueConvertible where Wrapped: CELValueConvertible {
    /// `nil` becomes `null`.
    public var celValue: CELValue { self?.celValue ?? .null }
}

extension Array: CELValueConvertible where Element: CELValueConvertible {
    public var celValue: CELValue { .list(map(\.celValue)) }
}

extension Dictionary: CELValueConvertible where Key == String, Value: CELValueConvertible {
    public var celValue: CELValue { .map(CELMap(mapValues(\.celValue))) }
}
