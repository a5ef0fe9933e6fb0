/// A document number (文号): issuing office, document code, year and sequence, as Chinese
/// administrative documents are numbered, e.g. `历下区人社稽通〔2026〕3号`.
public struct DocumentNumber: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The issuing region's name as printed (e.g. 历下区).
    public var office: String
    public var kind: CaseDocumentKind
    public var year: Int
    /// 1, 2, 3 … per region, kind and year.
    public var sequence: Int

    public init(office: String, kind: CaseDocumentKind, year: Int, sequence: Int) {
        self.office = office
        self.kind = kind
        self.year = year
        self.sequence = sequence
    }

    public var description: String { "\(office)人社\(kind.numberCode)〔\(year)〕\(sequence)号" }
}
