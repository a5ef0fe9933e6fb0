import CEL
import FundWatchCore

/// Reads one field of the record at a position of a timeline list, straight from the
/// timeline's storage (no copy of the record, no intermediate object).
typealias FieldReader = @Sendable (BoundTimeline, Int) -> CELValue

extension TimelineList {
    /// The reader of a field of this list's records as a CEL value; nil for an unknown field.
    /// The field table is the native one (``nativeReader(_:)``), read as CEL reads the records'
    /// objects (``RecordObject``): dates and months as their text, a missing date as null. One
    /// table serves both paths, so they cannot disagree on a field; a test checks the objects.
    func reader(_ field: String) -> FieldReader? {
        guard let native = nativeReader(field) else { return nil }
        return { b, i in native(b, i).celValue }
    }
}

extension NativeValue {
    /// The CEL value of a value a field reader gave (never `unknown`: readers always know).
    var celValue: CELValue {
        switch self {
        case .unknown: .error(CELError(code: .invalidArgument, reason: "internal error: an unknown field value"))
        case .null: .null
        case .bool(let b): .bool(b)
        case .int(let i): .int(i)
        case .double(let d): .double(d)
        case .string(let s): .string(s)
        case .date, .period: .string(text ?? "")
        }
    }
}
