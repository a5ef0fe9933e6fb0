/// The person a verification request or a shared clue is about.
///
/// Holds personal data: the web layer masks it (`IDNumber.mask`, `张*`) in every output but the
/// addressed department's own view, and storage never writes it into the ledger.
public struct SubjectPerson: Sendable, Hashable, Codable {
    /// The 18-digit citizen ID number.
    public var idNumber: String
    /// The name on record, if known.
    public var name: String?

    public init(idNumber: String, name: String? = nil) {
        self.idNumber = idNumber
        self.name = name
    }
}
