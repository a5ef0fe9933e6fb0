/// Writes JSON straight into bytes, for the few answers whose shape is fixed and whose rate
/// matters (the pre-payment check): no `Encodable` boxing, no key sorting at run time; the
/// caller writes the keys in the order `JSONEncoder` with `.sortedKeys` would.
///
/// Strings are escaped exactly as Foundation's `JSONEncoder` with `.withoutEscapingSlashes`
/// does (`\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, other controls as `\u00xx`, everything else
/// as its UTF-8), and doubles are written as it writes them, so a hash over these bytes equals
/// one over the encoder's (tested against it).
struct JSONByteWriter {
    private(set) var bytes: [UInt8]

    init(capacity: Int = 512) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    mutating func raw(_ byte: UInt8) { bytes.append(byte) }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// `"key":` (the key must need no escaping: the writer's own ASCII names).
    mutating func key(_ name: StaticString) {
        bytes.append(UInt8(ascii: "\""))
        raw(name)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    /// A comma before every member but the first.
    mutating func separator(_ first: inout Bool) {
        if first { first = false } else { bytes.append(UInt8(ascii: ",")) }
    }

    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var start = 0
            for i in 0..<utf8.count {
                let b = utf8[i]
                guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") else { continue }
                if start < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i])) }
                start = i + 1
                bytes.append(UInt8(ascii: "\\"))
                switch b {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(b)
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                default:
                    raw("u00")
                    bytes.append(Self.hexDigit(b >> 4))
                    bytes.append(Self.hexDigit(b & 0x0F))
                }
            }
            if start < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func integer(_ value: some BinaryInteger) {
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func bool(_ value: Bool) {
        if value { raw("true") } else { raw("false") }
    }

    /// As `JSONEncoder` writes a `Double`: the shortest round-trip form, without a trailing
    /// `.0` (3 → `3`, 0.5 → `0.5`, 1e20 → `1e+20`). Not finite numbers have no JSON form: 0.
    mutating func double(_ value: Double) {
        guard value.isFinite else {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    /// `[…]` of strings.
    mutating func strings(_ values: [String]) {
        bytes.append(UInt8(ascii: "["))
        var first = true
        for value in values {
            separator(&first)
            string(value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
