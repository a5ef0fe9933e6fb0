import Foundation
import FundWatchCore

/// Masks personal data in text that leaves the system (live notices, webhook payloads): ID
/// numbers keep their first six and last four characters (3701**********1234), names their
/// family name (张*).
public enum PersonalDataMask {
    /// `张三` → `张*`, `欧阳修文` → `欧***`; a single character becomes `*`.
    public static func name(_ name: String) -> String {
        let chars = Array(name.trimmingCharacters(in: .whitespaces))
        guard chars.count > 1 else { return chars.isEmpty ? "" : "*" }
        return String(chars[0]) + String(repeating: "*", count: chars.count - 1)
    }

    /// The ID number masked.
    public static func idNumber(_ id: String) -> String { IDNumber.mask(id) }

    /// `text` with every run of 15 to 18 ID characters (digits, a final X) masked, and every
    /// occurrence of `personName` (if given) replaced by its masked form.
    public static func text(_ text: String, personName: String?) -> String {
        var out = text
        if let personName, !personName.isEmpty {
            out = out.replacingOccurrences(of: personName, with: name(personName))
        }
        return maskIDRuns(out)
    }

    /// Masks digit runs long enough to be an ID number (15–18 characters; amounts and dates are
    /// shorter), so an explanation that quotes one never carries it whole.
    static func maskIDRuns(_ text: String) -> String {
        var result = ""
        var run = ""
        func flush() {
            result += run.count >= 15 && run.count <= 18 ? IDNumber.mask(run) : run
            run = ""
        }
        for ch in text {
            if ch.isASCII && (ch.isNumber || ((ch == "X" || ch == "x") && run.count == 17)) {
                run.append(ch)
            } else {
                flush()
                result.append(ch)
            }
        }
        flush()
        return result
    }
}
