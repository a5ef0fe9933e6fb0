public import FundWatchCore

/// Hides personal data in what people see (reports, errors, logs): ID numbers keep their region
/// and last four characters, names their first character, phones and accounts their last four.
public enum Masking {
    /// `value` of canonical field `field`, masked when the field holds personal data.
    public static func mask(_ value: String, field: FieldSpec) -> String {
        if value.isEmpty { return value }
        if field.type == .idNumber { return IDNumber.mask(value) }
        switch field.name {
        case "name":
            return String(value.prefix(1)) + String(repeating: "*", count: max(1, value.count - 1))
        case "phone", "bank_account", "account":
            let tail = value.suffix(4)
            return String(repeating: "*", count: max(1, value.count - tail.count)) + tail
        case "address":
            return String(value.prefix(6)) + "…"
        default:
            return value
        }
    }
}
