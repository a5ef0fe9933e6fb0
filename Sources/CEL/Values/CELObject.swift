/// A host value exposed to expressions without converting it up front: fields are read lazily,
/// one at a time, when an expression selects them.
///
/// ```swift
/// struct Payment: CELObject {
///     static let celTypeName = "fundwatch.Payment"
///     let amount: Double
///     func field(named name: String) -> CELValue? {
///         switch name {
///         case "amount": return .double(amount)
///         default: return nil
///         }
///     }
/// }
/// ```
public protocol CELObject: Sendable {
    /// The type name used by `type(x)` and by checker declarations.
    static var celTypeName: String { get }
    /// The value of a field, or nil when the object has no such field.
    func field(named name: String) -> CELValue?
    /// Whether the field is set, for `has(x.field)`; defaults to `field(named:) != nil`.
    func hasField(named name: String) -> Bool
    /// Equality with another host object; defaults to false unless overridden.
    func isEqual(to other: any CELObject) -> Bool
}

extension CELObject {
    public func hasField(named name: String) -> Bool { field(named: name) != nil }
    public func isEqual(to other: any CELObject) -> Bool { false }
}

extension CELObject where Self: Equatable {
    public func isEqual(to other: any CELObject) -> Bool { (other as? Self) == self }
}
