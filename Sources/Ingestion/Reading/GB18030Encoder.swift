#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Converts text to GB18030 bytes through iconv (GB18030 covers all of Unicode, so every text
/// converts), for writing exports as departments do.
public enum GB18030Encoder {
    /// The GB18030 bytes of `text`.
    public static func encode(_ text: String) throws(IngestError) -> [UInt8] {
        let cd = iconv_open("GB18030", "UTF-8")
        guard let cd, cd != iconv_t(bitPattern: -1) else {
            throw IngestError(file: "", message: "this system's iconv cannot convert to GB18030")
        }
        defer { iconv_close(cd) }
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var failed = false
        var produced = 0
        input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                guard let inBase = inBuffer.baseAddress, let outBase = outBuffer.baseAddress else { return }
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBase).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBase).assumingMemoryBound(to: CChar.self)
                var outLeft = outBuffer.count
                failed = iconv(cd, &inPointer, &inLeft, &outPointer, &outLeft) == -1
                produced = outBuffer.count - outLeft
            }
        }
        guard !failed else { throw IngestError(file: "", message: "the text cannot be converted to GB18030") }
        output.removeSubrange(produced...)
        return output
    }
}
