/// Small helpers for fixed-width decimal fields, used by the date, period and ID parsers.
enum ASCIIDigits {
    /// The decimal value of a run of ASCII digits, or nil if any byte is not a digit.
    static func value<C: Collection>(_ bytes: C) -> Int? where C.Element == UInt8 {
        guard !bytes.isEmpty else { return nil }
        var v = 0
        for b in bytes {
            guard b >= 0x30, b <= 0x39 else { return nil }
            v = v * 10 + Int(b - 0x30)
        }
        return v
    }

    /// `n` left-padded with zeros to `width` digits.
    static func padded(_ n: Int, width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
