import FundWatchCore

extension FieldCleaner {
    /// The common case on the value's UTF-8 bytes: a value that needs no trimming, no full-width
    /// folding and no Traditional→Simplified step, and that is already valid for its type, is
    /// cleaned without building intermediate strings. Returns nil for anything else (including
    /// every failure), which then takes `cleanGeneral` and gets its reason there; so both paths
    /// give the same value and the same counts, and this one is only faster.
    func cleanFast(_ u: UnsafeBufferPointer<UInt8>, raw: String, counts: inout CleaningCounts) -> String? {
        guard let first = u.first, let last = u.last else { return "" }
        // White space at either end: ASCII, or U+00A0 (C2 A0); U+3000 and U+FEFF start with E3
        // and EF, which the loop below sends to the general path wherever they are.
        let n = u.count
        if first <= 0x20 || last <= 0x20 || (first == 0xC2 && n > 1 && u[1] == 0xA0) || (last == 0xA0 && n > 1 && u[n - 2] == 0xC2) {
            return nil
        }
        var high: UInt8 = 0
        for b in u {
            high |= b
            // EF starts the full-width forms, E3 the ideographic space: the general path folds them.
            if b == 0xEF || b == 0xE3 { return nil }
        }
        let ascii = high < 0x80
        if !valueMap.isEmpty || (simplify && !ascii) { return nil }
        switch field.type {
        case .text:
            guard ascii else { return nil }
            if isName, u.contains(where: { $0 == 0x20 || $0 == 0x09 }) { return nil }
            return raw
        case .idNumber:
            guard u.count == 18 else { return nil }
            for k in 0..<17 where u[k] < 0x30 || u[k] > 0x39 { return nil }
            guard (u[17] >= 0x30 && u[17] <= 0x39) || u[17] == UInt8(ascii: "X") else { return nil }
            return raw
        case .region:
            guard u.count == 6, u.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            return raw
        case .date:
            if u.count == 10, u[4] == UInt8(ascii: "-"), CivilDate(raw) != nil { return raw }
            for pattern in formats {
                if let (y, m, d) = pattern.match(bytes: u), let date = CivilDate(year: y, month: m, day: d) {
                    counts.add(.dateReformatted)
                    return date.description
                }
            }
            return nil
        case .period:
            if u.count == 7, u[4] == UInt8(ascii: "-"), Period(raw) != nil { return raw }
            for pattern in formats {
                if let (y, m, d) = pattern.match(bytes: u), CivilDate(year: y, month: m, day: d) != nil, let p = Period(year: y, month: m) {
                    counts.add(.dateReformatted)
                    return p.description
                }
            }
            return nil
        case .money:
            switch unit {
            case .yuan:
                guard let fen = FieldCleaner.yuanToFen(u) else { return nil }
                counts.add(.moneyToFen)
                return String(fen)
            case .fen:
                guard let fen = Int64(raw) else { return nil }
                return String(fen)
            }
        case .code, .bool:
            guard vocabulary != nil else { return raw }
            for (bytes, code) in spellings where bytes.count == u.count {
                if bytes.withUnsafeBufferPointer({ $0.elementsEqual(u) }) {
                    if code != raw { counts.add(.codeMapped) }
                    return code
                }
            }
            return nil
        }
    }

    /// Yuan in ASCII (with `¥`) to fen, exactly as `Money(yuanText:)` reads it; nil for anything
    /// it would read otherwise or refuse (other characters, more than two decimals, 16 digits or more).
    static func yuanToFen(_ u: UnsafeBufferPointer<UInt8>) -> Int64? {
        var value: Int64 = 0
        var digits = 0
        var negative = false
        var seenPoint = false
        var decimals = 0
        var i = 0
        let n = u.count
        while i < n {
            let b = u[i]
            switch b {
            case 0x30...0x39:
                if seenPoint {
                    decimals += 1
                    guard decimals <= 2 else { return nil }
                }
                digits += 1
                guard digits < 16 else { return nil }
                value = value * 10 + Int64(b - 0x30)
            case 0x2E:
                guard !seenPoint else { return nil }
                seenPoint = true
            case 0x2C, 0x20, 0x09:
                break
            case 0xC2:  // ¥ is C2 A5
                guard i + 1 < n, u[i + 1] == 0xA5, digits == 0 else { return nil }
                i += 1
            case 0x24:
                guard digits == 0 else { return nil }
            case 0x2D:
                guard digits == 0, !negative else { return nil }
                negative = true
            case 0x2B:
                guard digits == 0 else { return nil }
            default:
                return nil
            }
            i += 1
        }
        guard digits > 0 else { return nil }
        while decimals < 2 {
            value *= 10
            decimals += 1
        }
        return negative ? -value : value
    }
}
