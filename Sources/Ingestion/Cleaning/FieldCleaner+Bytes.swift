import FundWatchCore

extension FieldCleaner {
    /// The common case on the value's UTF-8 bytes: a value that needs no trimming, no full-width
    /// folding and no Traditional→Simplified step, and that is already valid for its type, is
    /// cleaned without building intermediate strings. Returns nil for anything else (including
    /// every failure), which then takes `cleanGeneral` and gets its reason there; so both paths
    /// give the same value and the same counts, and this one is only faster.
    func cleanFast(_ u: UnsafeBufferPointer<UInt8>, counts: inout CleaningCounts) -> FastValue? {
        guard let (value, step) = cleanFastStep(u) else { return nil }
        if let step { counts.add(step) }
        return value
    }

    /// `cleanFast` telling the step it counts (one at most) instead of counting it: a pure
    /// function of the bytes, so the chunk loop can keep it for a value repeated in the next row.
    func cleanFastStep(_ u: UnsafeBufferPointer<UInt8>) -> (FastValue, CleaningStep?)? {
        guard let first = u.first, let last = u.last else { return (.value(""), nil) }
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
            return (.same, nil)
        case .idNumber:
            guard u.count == 18 else { return nil }
            for k in 0..<17 where u[k] < 0x30 || u[k] > 0x39 { return nil }
            guard (u[17] >= 0x30 && u[17] <= 0x39) || u[17] == UInt8(ascii: "X") else { return nil }
            return (.same, nil)
        case .region:
            guard u.count == 6, u.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            return (.same, nil)
        case .date:
            if u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"), let y = Self.digits(u, 0, 4),
                let m = Self.digits(u, 5, 7), let d = Self.digits(u, 8, 10), CivilDate(year: y, month: m, day: d) != nil
            {
                return (.same, nil)
            }
            for pattern in formats {
                if let (y, m, d) = pattern.match(bytes: u), CivilDate(year: y, month: m, day: d) != nil {
                    return (.value(Self.dateText(y, m, d)), .dateReformatted)
                }
            }
            return nil
        case .period:
            if u.count == 7, u[4] == UInt8(ascii: "-"), let y = Self.digits(u, 0, 4), let m = Self.digits(u, 5, 7),
                Period(year: y, month: m) != nil
            {
                return (.same, nil)
            }
            for pattern in formats {
                if let (y, m, d) = pattern.match(bytes: u), CivilDate(year: y, month: m, day: d) != nil, Period(year: y, month: m) != nil {
                    return (.value(Self.periodText(y, m)), .dateReformatted)
                }
            }
            return nil
        case .money:
            switch unit {
            case .yuan:
                guard let fen = FieldCleaner.yuanToFen(u) else { return nil }
                return (.value(Self.decimalText(fen)), .moneyToFen)
            case .fen:
                // As `Int64(String)` reads it: a sign, then digits; written back canonical.
                guard let fen = Self.integer(u) else { return nil }
                return (.value(Self.decimalText(fen)), nil)
            }
        case .code, .bool:
            guard vocabulary != nil else { return (.same, nil) }
            // By index, in place: iterating would copy each spelling (retaining its bytes and code).
            for k in spellings.indices where spellings[k].bytes.count == u.count {
                if spellings[k].bytes.withUnsafeBufferPointer({ Self.same($0, u) }) {
                    if spellings[k].isCode { return (.same, nil) }
                    return (.value(spellings[k].code), .codeMapped)
                }
            }
            return nil
        }
    }

    /// Whether two byte buffers of the same length hold the same bytes (the generic
    /// `elementsEqual` was a sixtieth of the CSV dry run), eight bytes at a time: an ID number
    /// compared with the row before's is three words rather than eighteen bytes.
    @inline(__always)
    static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = a.count
        guard n == b.count else { return false }
        var k = 0
        if n >= 8, let pa = a.baseAddress, let pb = b.baseAddress {
            let ra = UnsafeRawPointer(pa)
            let rb = UnsafeRawPointer(pb)
            while k + 8 <= n {
                guard ra.loadUnaligned(fromByteOffset: k, as: UInt64.self) == rb.loadUnaligned(fromByteOffset: k, as: UInt64.self) else {
                    return false
                }
                k += 8
            }
        }
        while k < n {
            guard a[k] == b[k] else { return false }
            k += 1
        }
        return true
    }

    /// `String(value)` of an integer, its digits written straight into the string.
    static func decimalText(_ value: Int64) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { out in
            var v = value.magnitude
            var at = 20
            repeat {
                at -= 1
                out[at] = UInt8(0x30 + v % 10)
                v /= 10
            } while v > 0
            if value < 0 {
                at -= 1
                out[at] = UInt8(ascii: "-")
            }
            return String(decoding: UnsafeBufferPointer(rebasing: out[at..<20]), as: UTF8.self)
        }
    }

    /// The number written in ASCII digits `u[from..<to]`, nil if any is not a digit.
    @inline(__always)
    static func digits(_ u: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int? {
        var v = 0
        for k in from..<to {
            let d = u[k] &- 0x30
            guard d < 10 else { return nil }
            v = v * 10 + Int(d)
        }
        return v
    }

    /// `Int64(String)` on bytes: an optional sign and at least one digit, nil on overflow.
    static func integer(_ u: UnsafeBufferPointer<UInt8>) -> Int64? {
        var i = 0
        var negative = false
        if u[0] == UInt8(ascii: "-") || u[0] == UInt8(ascii: "+") {
            negative = u[0] == UInt8(ascii: "-")
            i = 1
        }
        guard i < u.count else { return nil }
        var v: Int64 = 0
        while i < u.count {
            let d = u[i] &- 0x30
            guard d < 10 else { return nil }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (s, o2) = negative ? m.subtractingReportingOverflow(Int64(d)) : m.addingReportingOverflow(Int64(d))
            guard !o1, !o2 else { return nil }
            v = s
            i += 1
        }
        return v
    }

    /// `YYYY-MM-DD` of a valid date, as `CivilDate.description` writes it.
    static func dateText(_ y: Int, _ m: Int, _ d: Int) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { out in
            putDigits(y, 4, out, 0)
            out[4] = UInt8(ascii: "-")
            putDigits(m, 2, out, 5)
            out[7] = UInt8(ascii: "-")
            putDigits(d, 2, out, 8)
            return String(decoding: UnsafeBufferPointer(out), as: UTF8.self)
        }
    }

    /// `YYYY-MM`, as `Period.description` writes it.
    static func periodText(_ y: Int, _ m: Int) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 7) { out in
            putDigits(y, 4, out, 0)
            out[4] = UInt8(ascii: "-")
            putDigits(m, 2, out, 5)
            return String(decoding: UnsafeBufferPointer(out), as: UTF8.self)
        }
    }

    private static func putDigits(_ value: Int, _ width: Int, _ out: UnsafeMutableBufferPointer<UInt8>, _ at: Int) {
        var v = value
        for k in stride(from: width - 1, through: 0, by: -1) {
            out[at + k] = UInt8(0x30 + v % 10)
            v /= 10
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
