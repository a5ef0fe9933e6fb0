/// How a value is written in canonical CSV.
public protocol CanonicalValue {
    /// The canonical text of the value.
    var canonicalText: String { get }
}

extension String: CanonicalValue { public var canonicalText: String { self } }
extension CivilDate: CanonicalValue { public var canonicalText: String { description } }
extension Period: CanonicalValue { public var canonicalText: String { description } }
extension Money: CanonicalValue { public var canonicalText: String { String(fen) } }
extension IDNumber: CanonicalValue { public var canonicalText: String { value } }
extension Bool: CanonicalValue { public var canonicalText: String { self ? "true" : "false" } }
extension CanonicalValue where Self: CanonicalCode { public var canonicalText: String { rawValue } }
extension Sex: CanonicalValue {}
extension Insurance: CanonicalValue {}
extension Benefit: CanonicalValue {}
extension DeathSource: CanonicalValue {}
extension VisitKind: CanonicalValue {}
extension InstitutionKind: CanonicalValue {}
extension CustodyKind: CanonicalValue {}
extension VerificationMethod: CanonicalValue {}

extension Optional where Wrapped: CanonicalValue {
    /// The canonical text, or "" for unknown.
    public var canonicalText: String { self?.canonicalText ?? "" }
}
