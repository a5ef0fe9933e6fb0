/// A single-pass UTF-8 validity check (RFC 3629: no overlongs, no surrogates, at most U+10FFFF).
enum UTF8Validation {
    static func isValid(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { b in
            var i = 0
            let n = b.count
            while i < n {
                let c = b[i]
                if c < 0x80 {
                    i += 1
                    continue
                }
                let length: Int
                var low: UInt8 = 0x80
                var high: UInt8 = 0xBF
                switch c {
                case 0xC2...0xDF: length = 2
                case 0xE0: (length, low) = (3, 0xA0)
                case 0xE1...0xEC, 0xEE...0xEF: length = 3
                case 0xED: (length, high) = (3, 0x9F)
                case 0xF0: (length, low) = (4, 0x90)
                case 0xF1...0xF3: length = 4
                case 0xF4: (length, high) = (4, 0x8F)
                default: return false
                }
                guard i + length <= n, (low...high).contains(b[i + 1]) else { return false }
                for k in 2..<max(2, length) where !(0x80...0xBF).contains(b[i + k]) { return false }
                i += length
            }
            return true
        }
    }
}
