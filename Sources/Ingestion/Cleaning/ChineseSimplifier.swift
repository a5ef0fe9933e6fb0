import Foundation

/// Folds Traditional Chinese characters to Simplified (張 → 张, 臺 → 台).
///
/// The table comes from ICU's `Traditional-Simplified` transform (via Foundation's
/// `applyingTransform`, which works on Linux too), run once over the CJK ideographs and kept as
/// a character map: ICU per value would cost a transliterator call for every name of a
/// multi-million-row export, a dictionary look-up per character costs next to nothing.
enum ChineseSimplifier {
    /// Simplified scalar by Traditional scalar, for every character ICU maps one-to-one.
    static let table: [UInt32: Unicode.Scalar] = {
        var sources = [Unicode.Scalar]()
        for v in UInt32(0x3400)...0x4DBF { sources.append(Unicode.Scalar(v)!) }
        for v in UInt32(0x4E00)...0x9FFF { sources.append(Unicode.Scalar(v)!) }
        var joined = String.UnicodeScalarView()
        for s in sources {
            joined.append(s)
            joined.append("\n")
        }
        guard let folded = String(joined).applyingTransform(StringTransform("Traditional-Simplified"), reverse: false) else {
            return [:]
        }
        let pieces = folded.split(separator: "\n", omittingEmptySubsequences: false)
        guard pieces.count >= sources.count else { return [:] }
        var table = [UInt32: Unicode.Scalar]()
        for (source, piece) in zip(sources, pieces) {
            let scalars = piece.unicodeScalars
            // Keep one-to-one mappings only; a character ICU would expand stays as it is.
            guard scalars.count == 1, let target = scalars.first, target != source else { continue }
            table[source.value] = target
        }
        return table
    }()

    /// The text with Traditional characters folded, or nil when it has none.
    static func simplified(_ text: String) -> String? {
        // ASCII-only text has no Han characters.
        guard text.utf8.contains(where: { $0 >= 0xE3 }) else { return nil }
        let table = Self.table
        var changed = false
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if let s = table[scalar.value] {
                out.append(s)
                changed = true
            } else {
                out.append(scalar)
            }
        }
        return changed ? String(out) : nil
    }
}

/// Traditional ↔ Simplified folding of Chinese text, for callers outside ingestion (the
/// simulator writes Traditional names that ingestion must fold back).
public enum ChineseFolding {
    /// The text with Traditional characters folded to Simplified.
    public static func simplified(_ text: String) -> String { ChineseSimplifier.simplified(text) ?? text }

    /// A Traditional spelling of the text that `simplified` folds back to it exactly: each
    /// character with a Traditional form takes the first (lowest code point) one.
    public static func traditional(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { out.append(traditionalByCharacter[scalar.value] ?? scalar) }
        return String(out)
    }

    private static let traditionalByCharacter: [UInt32: Unicode.Scalar] = {
        var map = [UInt32: Unicode.Scalar]()
        for (traditional, simplified) in ChineseSimplifier.table {
            if let existing = map[simplified.value], existing.value < traditional { continue }
            map[simplified.value] = Unicode.Scalar(traditional)
        }
        return map
    }()
}
