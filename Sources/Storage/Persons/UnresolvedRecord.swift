public import FundWatchCore

/// A stored record whose own ID number cannot name its person: mistyped (the check fails) or
/// missing, so import kept it aside as a rejected row. Everything else in it is valid.
public struct UnresolvedRecord: Sendable, Hashable {
    /// The table that holds the row (`rejected_row`) and its rowid.
    public let table: String
    public let rowid: Int64
    public let kind: RecordKind
    /// The ID number as the department wrote it (empty when missing).
    public let rawID: String
    /// The record's canonical values in the record type's field order, the ID field empty.
    public let values: [String]

    public init(table: String, rowid: Int64, kind: RecordKind, rawID: String, values: [String]) {
        self.table = table
        self.rowid = rowid
        self.kind = kind
        self.rawID = rawID
        self.values = values
    }

    /// A field's value by name, nil when empty or absent.
    public func value(_ field: String) -> String? {
        guard let i = kind.recordType.fields.firstIndex(where: { $0.name == field }), i < values.count,
            !values[i].isEmpty
        else { return nil }
        return values[i]
    }

    /// The index of the field that names the person.
    static func idFieldIndex(of kind: RecordKind) -> Int? {
        kind.recordType.fields.firstIndex { $0.type == .idNumber }
    }

    /// The record with `key` as its ID number, read through the record type's own validation.
    /// `today` bounds dates; stored rows pass a far-future day so that time passing never fails them.
    public func record(as key: String, today: CivilDate) throws -> any CanonicalRecord {
        var filled = values
        if let i = Self.idFieldIndex(of: kind) { filled[i] = key }
        return try kind.recordType.init(
            row: CanonicalRow(names: kind.recordType.fields.map(\.name), values: filled, today: today))
    }
}

/// What resolution knows of one registered person: the key (the valid 18-digit ID number), the
/// registered name, sex and region of residence, and the death date another department recorded
/// under the valid ID.
public struct PersonProfile: Sendable, Hashable {
    public let key: String
    public let name: String
    public let sex: String?
    public let region: String?
    public let deathDate: String?
    /// The registered address and phone, read when duplicate persons are looked for.
    public let address: String?
    public let phone: String?

    public init(
        key: String, name: String, sex: String?, region: String? = nil, deathDate: String?, address: String? = nil,
        phone: String? = nil
    ) {
        self.key = key
        self.name = name
        self.sex = sex
        self.region = region
        self.deathDate = deathDate
        self.address = address
        self.phone = phone
    }
}
