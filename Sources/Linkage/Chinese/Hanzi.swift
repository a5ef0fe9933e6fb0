/// Chinese character folding for name comparison: Traditional → Simplified, and toneless pinyin.
///
/// Covers the 6,763 characters of GB 2312 and the Traditional forms that map onto them (see
/// `HanziTables` for sources and licences). A character outside the tables stays as it is, so
/// rare characters still compare exactly; Latin text is lower-cased and its spaces and
/// punctuation dropped, so that "Zhang San", "zhangsan" and 张三 share one pinyin key.
public enum Hanzi {
    private static let simplifiedByTraditional: [UInt32: UInt32] = {
        var map = [UInt32: UInt32]()
        let scalars = Array(HanziTables.traditionalToSimplified.unicodeScalars)
        var i = 0
        while i + 1 < scalars.count {
            map[scalars[i].value] = scalars[i + 1].value
            i += 2
        }
        return map
    }()

    private static let syllableByCharacter: [UInt32: String] = {
        var map = [UInt32: String]()
        for line in HanziTables.pinyin.split(separator: "\n") {
            guard let space = line.firstIndex(of: " ") else { continue }
            let syllable = String(line[..<space])
            for scalar in line[line.index(after: space)...].unicodeScalars { map[scalar.value] = syllable }
        }
        return map
    }()

    /// The text with every Traditional character the tables know replaced by its Simplified form.
    public static func simplified(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if let s = simplifiedByTraditional[scalar.value], let u = Unicode.Scalar(s) {
                out.append(u)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// The toneless pinyin of each character, joined with no separator (`张三` → `zhangsan`);
    /// Latin letters and digits lower-cased, everything else that is not a letter dropped.
    public static func pinyinKey(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            let v = simplifiedByTraditional[scalar.value] ?? scalar.value
            if let syllable = syllableByCharacter[v] {
                out += syllable
            } else if scalar.isASCII {
                if scalar.properties.isAlphabetic || (0x30...0x39).contains(scalar.value) {
                    out.unicodeScalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
                }
            } else if scalar.properties.isAlphabetic {
                // Fold Latin accents (é → e) through the canonical decomposition's base letter.
                let base = String(scalar).decomposedStringWithCanonicalMappingFallback.first ?? scalar
                out.unicodeScalars.append(contentsOf: base.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return out
    }

    /// The pinyin syllables of a text, one per Chinese character (nil for other symbols).
    public static func syllables(_ text: String) -> [String?] {
        text.unicodeScalars.map { syllableByCharacter[simplifiedByTraditional[$0.value] ?? $0.value] }
    }
}

extension String {
    /// The scalars of the canonical decomposition, without Foundation: only Latin letters with
    /// one combining mark are common in names, and for those the first scalar is the base.
    fileprivate var decomposedStringWithCanonicalMappingFallback: [Unicode.Scalar] {
        var out = [Unicode.Scalar]()
        for scalar in unicodeScalars {
            if let base = Self.latinBase[scalar.value] { out.append(base) } else { out.append(scalar) }
        }
        return out
    }

    private static let latinBase: [UInt32: Unicode.Scalar] = {
        var map = [UInt32: Unicode.Scalar]()
        let groups: [(Character, String)] = [
            ("a", "àáâãäåāăą"), ("c", "çćĉċč"), ("d", "ďđ"), ("e", "èéêëēĕėęě"), ("g", "ĝğġģ"),
            ("h", "ĥħ"), ("i", "ìíîïĩīĭįı"), ("j", "ĵ"), ("k", "ķ"), ("l", "ĺļľŀł"), ("n", "ñńņňŉ"),
            ("o", "òóôõöøōŏő"), ("r", "ŕŗř"), ("s", "śŝşšß"), ("t", "ţťŧ"), ("u", "ùúûüũūŭůűųǖǘǚǜ"),
            ("w", "ŵ"), ("y", "ýÿŷ"), ("z", "źżž"),
        ]
        for (base, accented) in groups {
            for ch in accented {
                for s in ch.unicodeScalars { map[s.value] = base.unicodeScalars.first! }
                for s in ch.uppercased().unicodeScalars { map[s.value] = base.unicodeScalars.first! }
            }
        }
        return map
    }()
}
