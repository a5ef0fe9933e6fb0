#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Converts GB18030 bytes to UTF-8 through the C library's iconv, a chunk at a time: a
/// character cut at a chunk's end is carried into the next chunk.
///
/// A byte sequence that is not GB18030 becomes the byte 0xFF in the output, which never occurs
/// in UTF-8, so the CSV reader rejects just the row that holds it ("not valid GB18030") and the
/// rest of the file is read.
final class GB18030Decoder {
    private let converter: iconv_t
    private var carry: [UInt8] = []
    /// How many invalid sequences were replaced so far.
    private(set) var invalidSequences = 0

    init() throws(IngestError) {
        let cd = iconv_open("UTF-8", "GB18030")
        guard let cd, cd != iconv_t(bitPattern: -1) else {
            throw IngestError(file: "", message: "this system's iconv cannot convert GB18030; convert the file to UTF-8 first (iconv -f GB18030 -t UTF-8)")
        }
        self.converter = cd
    }

    deinit { iconv_close(converter) }

    /// The UTF-8 of `chunk` (after what an earlier chunk left unfinished). `final` says no more
    /// bytes follow, so an unfinished character at the end is invalid.
    func decode(_ chunk: [UInt8], final: Bool) -> [UInt8] {
        // ASCII is the same in both, and GB18030 keeps no state between characters: a chunk of
        // ASCII alone (most of many exports) needs no conversion.
        if carry.isEmpty, GB18030Decoder.isASCII(chunk) { return chunk }
        var input = carry
        input.append(contentsOf: chunk)
        carry.removeAll()
        // GB18030 takes 1–4 bytes per character and UTF-8 at most 4 for the same character.
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var produced = 0
        input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                guard let inBase = inBuffer.baseAddress, let outBase = outBuffer.baseAddress else { return }
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBase).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBase).assumingMemoryBound(to: CChar.self)
                var outLeft = outBuffer.count
                while inLeft > 0 {
                    let rc = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                    if rc != -1 { break }
                    let code = errno
                    if code == E2BIG { break }  // cannot happen: the output has room for twice the input
                    if code == EINVAL && !final {
                        // An unfinished character at the end: keep it for the next chunk.
                        let consumed = inBuffer.count - inLeft
                        carry = Array(inBuffer[consumed...])
                        inLeft = 0
                        break
                    }
                    // EILSEQ, or EINVAL at the very end: mark one byte invalid and go on after it.
                    guard outLeft > 0 else { break }
                    outPointer!.pointee = CChar(bitPattern: 0xFF)
                    outPointer = outPointer! + 1
                    outLeft -= 1
                    inPointer = inPointer! + 1
                    inLeft -= 1
                    invalidSequences += 1
                }
                produced = outBuffer.count - outLeft
            }
        }
        output.removeSubrange(produced...)
        return output
    }

    /// Whether every byte is below 0x80, eight at a time.
    static func isASCII(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            let n = raw.count
            var i = 0
            var high: UInt64 = 0
            while i + 8 <= n {
                high |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                i += 8
            }
            while i < n {
                high |= UInt64(raw[i])
                i += 1
            }
            return high & 0x8080_8080_8080_8080 == 0
        }
    }

    /// The number of invalid sequences in `bytes` read as GB18030 (detection).
    static func countInvalid(_ bytes: [UInt8], final: Bool) -> Int {
        guard let decoder = try? GB18030Decoder() else { return Int.max }
        _ = decoder.decode(bytes, final: final)
        return decoder.invalidSequences
    }
}
