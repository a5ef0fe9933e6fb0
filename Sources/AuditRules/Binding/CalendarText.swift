import FundWatchCore

// Dates and months as CEL strings, written straight into the string's storage: rules read these
// fields millions of times in a batch, and `description` builds each from four small strings.
// The text is the same as `description` (`YYYY-MM-DD`, `YYYY-MM`, years of four digits).

extension CivilDate {
    /// `YYYY-MM-DD`, as `description` writes it.
    var celText: String {
        let (year, month, day) = (self.year, self.month, self.day)
        guard (0...9999).contains(year) else { return description }
        return String(unsafeUninitializedCapacity: 10) { buffer in
            CalendarText.write(year, month, into: buffer)
            buffer[7] = UInt8(ascii: "-")
            buffer[8] = CalendarText.digit(day / 10)
            buffer[9] = CalendarText.digit(day % 10)
            return 10
        }
    }
}

extension Period {
    /// `YYYY-MM`, as `description` writes it.
    var celText: String {
        let (year, month) = (self.year, self.month)
        guard (0...9999).contains(year) else { return description }
        return String(unsafeUninitializedCapacity: 7) { buffer in
            CalendarText.write(year, month, into: buffer)
            return 7
        }
    }
}

enum CalendarText {
    @inline(__always)
    static func digit(_ value: Int) -> UInt8 { UInt8(truncatingIfNeeded: 48 + value) }

    /// Writes `YYYY-MM` into the first seven bytes.
    @inline(__always)
    static func write(_ year: Int, _ month: Int, into buffer: UnsafeMutableBufferPointer<UInt8>) {
        buffer[0] = digit(year / 1000)
        buffer[1] = digit(year / 100 % 10)
        buffer[2] = digit(year / 10 % 10)
        buffer[3] = digit(year % 10)
        buffer[4] = UInt8(ascii: "-")
        buffer[5] = digit(month / 10)
        buffer[6] = digit(month % 10)
    }
}
