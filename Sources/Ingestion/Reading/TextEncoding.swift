/// The text encodings department exports come in.
public enum TextEncoding: String, Sendable, Hashable, Codable {
    case utf8 = "utf-8"
    case gb18030

    /// Picks the encoding of an export from its first bytes: UTF-8 when they are UTF-8 (a BOM
    /// settles it), else GB18030 when they decode as GB18030. Throws for UTF-16 and binary data.
    ///
    /// `complete` tells whether `prefix` is the whole file; if not, a UTF-8 sequence cut at its
    /// end does not count against UTF-8.
    public static func detect(_ prefix: [UInt8], complete: Bool, file: String) throws(IngestError) -> TextEncoding {
        if prefix.starts(with: [0xEF, 0xBB, 0xBF]) { return .utf8 }
        if prefix.starts(with: [0xFF, 0xFE]) || prefix.starts(with: [0xFE, 0xFF]) {
            throw IngestError(file: file, line: 1, message: "the file is UTF-16 text; save it as UTF-8 or GB18030 (CSV) and try again")
        }
        let sample = prefix.prefix(1 << 20)
        if sample.contains(0) {
            throw IngestError(file: file, message: "the file holds binary data (NUL bytes), not CSV text; is it the right file, or an XLSX needing `format: xlsx`?")
        }
        let utf8Error = firstInvalidUTF8(sample, allowTruncatedEnd: !complete || sample.count < prefix.count)
        guard utf8Error != nil else { return .utf8 }
        let gbErrors = GB18030Decoder.countInvalid(Array(sample), final: complete && sample.count == prefix.count)
        return gbErrors == 0 ? .gb18030 : .utf8
    }

    /// The offset of the first byte that breaks UTF-8, nil when there is none.
    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>, allowTruncatedEnd: Bool) -> Int? {
        var i = bytes.startIndex
        let n = bytes.endIndex
        while i < n {
            let c = bytes[i]
            if c < 0x80 {
                i += 1
                continue
            }
            let length: Int
            switch c {
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return i - bytes.startIndex
            }
            if i + length > n { return allowTruncatedEnd ? nil : i - bytes.startIndex }
            for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { return i - bytes.startIndex }
            i += length
        }
        return nil
    }
}
