import FundWatchCore

/// A CSV buffer for the hot paths: appends fields straight as UTF-8 bytes (numbers, dates and
/// periods without building Strings) with exactly `CSVWriter`'s quoting rules, so its bytes are
/// the canonical CSV that `CSVWriter` would write for the same `fieldValues` (the tests check this).
struct RowBuffer: Sendable {
    private(set) var bytes: [UInt8] = []
    private(set) var rows = 0
    private var atRowStart = true

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    @inline(__always) private mutating func separate() {
        if atRowStart { atRowStart = false } else { bytes.append(0x2C) }
    }

    /// Ends the row.
    mutating func endRow() {
        bytes.append(0x0A)
        atRowStart = true
        rows += 1
    }

    /// A text field, quoted when it holds a comma, quote or line break (RFC 4180).
    mutating func text(_ s: String) {
        separate()
        var needsQuotes = false
        for b in s.utf8 where b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D {
            needsQuotes = true
            break
        }
        if !needsQuotes {
            bytes.append(contentsOf: s.utf8)
            return
        }
        bytes.append(0x22)
        for b in s.utf8 {
            if b == 0x22 { bytes.append(0x22) }
            bytes.append(b)
        }
        bytes.append(0x22)
    }

    /// A field whose bytes are known to need no quoting (ID numbers, codes, ids).
    mutating func plain(_ b: [UInt8]) {
        separate()
        bytes.append(contentsOf: b)
    }

    /// A field known to need no quoting.
    mutating func plain(_ s: StaticString) {
        separate()
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// An empty (unknown) field.
    mutating func empty() { separate() }

    /// An integer (money in fen).
    mutating func int(_ value: Int64) {
        separate()
        appendDigits(value)
    }

    /// `YYYY-MM-DD`.
    mutating func date(_ d: CivilDate) {
        separate()
        appendYear(d.year)
        bytes.append(0x2D)
        appendTwo(d.month)
        bytes.append(0x2D)
        appendTwo(d.day)
    }

    /// `YYYY-MM`.
    mutating func period(_ p: Period) {
        separate()
        appendYear(p.year)
        bytes.append(0x2D)
        appendTwo(p.month)
    }

    /// `true` / `false`.
    mutating func bool(_ b: Bool) { b ? plain("true") : plain("false") }

    /// An id made of a text prefix and a zero-padded number (`JS000012345007`).
    mutating func id(_ prefix: StaticString, _ number: Int, width: Int) {
        separate()
        prefix.withUTF8Buffer { bytes.append(contentsOf: $0) }
        appendPadded(number, width)
    }

    /// Appends raw bytes already in CSV form (whole rows copied from another buffer).
    mutating func appendRaw<C: Collection>(_ raw: C) where C.Element == UInt8 { bytes.append(contentsOf: raw) }

    /// Counts rows appended with `appendRaw`.
    mutating func countRows(_ n: Int) { rows += n }

    private mutating func appendDigits(_ value: Int64) {
        if value < 0 { bytes.append(0x2D) }
        var m = value.magnitude
        if m == 0 {
            bytes.append(0x30)
            return
        }
        var tmp:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &tmp) { buf in
            while m > 0 {
                buf[n] = UInt8(m % 10) + 0x30
                m /= 10
                n += 1
            }
            for i in stride(from: n - 1, through: 0, by: -1) { bytes.append(buf[i]) }
        }
    }

    /// A year of the data standard: four digits (1000…9999).
    @inline(__always) private mutating func appendYear(_ y: Int) {
        guard (1000...9999).contains(y) else { return appendPadded(y, 4) }
        bytes.append(UInt8(y / 1000) + 0x30)
        bytes.append(UInt8(y / 100 % 10) + 0x30)
        bytes.append(UInt8(y / 10 % 10) + 0x30)
        bytes.append(UInt8(y % 10) + 0x30)
    }

    /// A month or day: two digits.
    @inline(__always) private mutating func appendTwo(_ v: Int) {
        bytes.append(UInt8(v / 10) + 0x30)
        bytes.append(UInt8(v % 10) + 0x30)
    }

    private mutating func appendPadded(_ value: Int, _ width: Int) {
        var digits = 1
        var power = 10
        while power <= value {
            digits += 1
            power *= 10
        }
        var divisor = 1
        for _ in 1..<max(digits, width) { divisor *= 10 }
        var v = value
        while divisor > 0 {
            bytes.append(UInt8(v / divisor) + 0x30)
            v %= divisor
            divisor /= 10
        }
    }
}
