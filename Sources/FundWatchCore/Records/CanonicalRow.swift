/// One row of canonical data, read field by field with the data standard's types.
///
/// Values are looked up by field name through a shared column index, so a file's header may
/// give the fields in any order. An empty value means unknown.
public struct CanonicalRow: Sendable {
    /// The field name of each value, in the same order as `values`.
    public let names: [String]
    /// The raw values of the row.
    public let values: [String]
    /// The day the data is read: bounds birth and event dates.
    public let today: CivilDate

    /// A row whose `values[i]` is the field `names[i]`. Importers build one `names` array per
    /// file and share it across rows.
    public init(names: [String], values: [String], today: CivilDate) {
        self.names = names
        self.values = values
        self.today = today
    }

    /// A row whose values sit at the positions `columns` gives.
    public init(columns: [String: Int], values: [String], today: CivilDate) {
        var names = [String](repeating: "", count: values.count)
        for (name, i) in columns where i < names.count { names[i] = name }
        self.init(names: names, values: values, today: today)
    }

    /// Builds a row from name/value pairs (tests, the API).
    public init(_ fields: [String: String], today: CivilDate) {
        let sorted = fields.sorted { $0.key < $1.key }
        self.init(names: sorted.map(\.key), values: sorted.map(\.value), today: today)
    }

    /// The raw text of a field, nil when absent or empty.
    public func text(_ field: String) -> String? {
        // A linear scan beats hashing for the dozen short names a record has; this is the
        // import's innermost loop.
        var i = 0
        while i < names.count {
            if names[i] == field {
                let v = values[i]
                return v.isEmpty ? nil : v
            }
            i += 1
        }
        return nil
    }

    /// A required text field.
    public func required(_ field: String) throws(FieldError) -> String {
        guard let v = text(field) else { throw FieldError(field: field, value: "", problem: .missing) }
        return v
    }

    /// An optional ID number (15-digit numbers are upgraded to 18).
    public func idNumber(_ field: String) throws(FieldError) -> IDNumber? {
        guard let v = text(field) else { return nil }
        do {
            return try IDNumber(v, today: today)
        } catch {
            throw FieldError(field: field, value: IDNumber.mask(v), problem: .invalid(error.reason.english))
        }
    }

    /// A required ID number.
    public func requiredIDNumber(_ field: String) throws(FieldError) -> IDNumber {
        guard let id = try idNumber(field) else { throw FieldError(field: field, value: "", problem: .missing) }
        return id
    }

    /// An optional date `YYYY-MM-DD`.
    public func date(_ field: String) throws(FieldError) -> CivilDate? {
        guard let v = text(field) else { return nil }
        guard let d = CivilDate(v) else {
            throw FieldError(field: field, value: v, problem: .invalid("expected a date YYYY-MM-DD"))
        }
        return d
    }

    /// A required date.
    public func requiredDate(_ field: String) throws(FieldError) -> CivilDate {
        guard let d = try date(field) else { throw FieldError(field: field, value: "", problem: .missing) }
        return d
    }

    /// A required period `YYYY-MM`.
    public func requiredPeriod(_ field: String) throws(FieldError) -> Period {
        let v = try required(field)
        guard let p = Period(v) else {
            throw FieldError(field: field, value: v, problem: .invalid("expected a month YYYY-MM"))
        }
        return p
    }

    /// An optional amount in integer fen.
    public func money(_ field: String) throws(FieldError) -> Money? {
        guard let v = text(field) else { return nil }
        guard let fen = Int64(v) else {
            throw FieldError(field: field, value: v, problem: .invalid("expected an amount in integer fen (分), e.g. 123450"))
        }
        return Money(fen: fen)
    }

    /// A required amount in integer fen.
    public func requiredMoney(_ field: String) throws(FieldError) -> Money {
        guard let m = try money(field) else { throw FieldError(field: field, value: "", problem: .missing) }
        return m
    }

    /// An optional code of the data standard.
    public func code<C: CanonicalCode>(_ field: String, as type: C.Type = C.self) throws(FieldError) -> C? {
        guard let v = text(field) else { return nil }
        guard let c = C(rawValue: v) else {
            throw FieldError(field: field, value: v, problem: .invalid("expected one of \(C.allowedCodes)"))
        }
        return c
    }

    /// A required code of the data standard.
    public func requiredCode<C: CanonicalCode>(_ field: String, as type: C.Type = C.self) throws(FieldError) -> C {
        guard let c: C = try code(field) else { throw FieldError(field: field, value: "", problem: .missing) }
        return c
    }

    /// An optional boolean `true`/`false`.
    public func bool(_ field: String) throws(FieldError) -> Bool? {
        guard let v = text(field) else { return nil }
        switch v {
        case "true": return true
        case "false": return false
        default: throw FieldError(field: field, value: v, problem: .invalid("expected true or false"))
        }
    }

    /// An optional six-digit region code (format only; whether it exists is the catalogue's business).
    public func regionCode(_ field: String) throws(FieldError) -> String? {
        guard let v = text(field) else { return nil }
        guard v.utf8.count == 6, v.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw FieldError(field: field, value: v, problem: .invalid("expected a six-digit region code (GB/T 2260)"))
        }
        return v
    }

    /// A required region code.
    public func requiredRegionCode(_ field: String) throws(FieldError) -> String {
        guard let r = try regionCode(field) else { throw FieldError(field: field, value: "", problem: .missing) }
        return r
    }
}

/// A field of a row that is missing or cannot be read. The value is masked for ID fields.
public struct FieldError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong with the field.
    public enum Problem: Hashable, Sendable {
        case missing
        case invalid(String)
    }

    public let field: String
    public let value: String
    public let problem: Problem

    public init(field: String, value: String, problem: Problem) {
        self.field = field
        self.value = value
        self.problem = problem
    }

    public var description: String {
        switch problem {
        case .missing: "field '\(field)' is required but empty or missing"
        case .invalid(let why): "field '\(field)' has '\(value)': \(why)"
        }
    }
}
