/// The character-level cleaning steps: pure functions on one value, each telling whether it
/// changed anything so the report can count it. Fast paths leave plain ASCII untouched
/// without allocating, since most values of most exports are already clean.
enum TextCleaning {
    /// White space that exports leave around values: ASCII, no-break, ideographic, BOM.
    @inline(__always)
    static func isSpace(_ v: UInt32) -> Bool {
        v == 0x20 || v == 0x09 || v == 0x0A || v == 0x0D || v == 0xA0 || v == 0x3000 || v == 0xFEFF
    }

    /// The value without leading and trailing white space.
    static func trimmed(_ text: String) -> String? {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last else { return nil }
        // Only a space-like first or last byte can need trimming (0xC2 starts U+00A0, 0xE3 U+3000, 0xEF U+FEFF).
        func mayBeSpace(_ b: UInt8) -> Bool { b <= 0x20 || b == 0xC2 || b == 0xE3 || b == 0xEF || b == 0xA0 || b == 0x80 || b == 0xBF }
        guard mayBeSpace(first) || mayBeSpace(last) else { return nil }
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, isSpace(scalars[start].value) { start = scalars.index(after: start) }
        while end > start, isSpace(scalars[scalars.index(before: end)].value) { end = scalars.index(before: end) }
        guard start != scalars.startIndex || end != scalars.endIndex else { return nil }
        return String(scalars[start..<end])
    }

    /// The value with full-width forms (U+FF01–FF5E) and the ideographic space made ASCII.
    /// `punctuation: false` converts only digits and Latin letters: free Chinese text (names of
    /// institutions, addresses) writes its brackets and commas full-width by convention.
    static func halfWidth(_ text: String, punctuation: Bool = true) -> String? {
        // Full-width forms are encoded EF BC xx / EF BD xx; the ideographic space E3 80 80.
        var candidate = false
        for b in text.utf8 where b == 0xEF || b == 0xE3 {
            candidate = true
            break
        }
        guard candidate else { return nil }
        var changed = false
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let v = scalar.value
            let alphanumeric = (v >= 0xFF10 && v <= 0xFF19) || (v >= 0xFF21 && v <= 0xFF3A) || (v >= 0xFF41 && v <= 0xFF5A)
            if v >= 0xFF01 && v <= 0xFF5E && (punctuation || alphanumeric) {
                out.append(Unicode.Scalar(v - 0xFEE0)!)
                changed = true
            } else if v == 0x3000 {
                out.append(" ")
                changed = true
            } else {
                out.append(scalar)
            }
        }
        return changed ? String(out) : nil
    }

    /// Middle-dot look-alikes written in names of ethnic minorities (阿卜杜·热合曼).
    static let dotVariants: Set<UInt32> = [0x2E, 0xB7, 0x2022, 0x2027, 0x2219, 0x30FB, 0xFF0E, 0xFF65, 0xFE52, 0x22C5, 0x0387]

    /// A Chinese name without spaces and with its dots written `·` (U+00B7); a name in Latin
    /// letters keeps single spaces between its words. Returns nil when nothing changes.
    static func normalisedName(_ text: String) -> String? {
        var hasHan = false
        var suspicious = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v >= 0x3400 && v <= 0x9FFF { hasHan = true }
            if isSpace(v) || (dotVariants.contains(v) && v != 0xB7) { suspicious = true }
        }
        guard suspicious else { return nil }
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if isSpace(v) {
                pendingSpace = !hasHan && !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            if hasHan && dotVariants.contains(v) {
                out.append("\u{B7}")
            } else {
                out.append(scalar)
            }
        }
        let result = String(out)
        return result == text ? nil : result
    }
}
