/// The log's own record of every checkpoint it signed, in order: the commit point of a
/// batch. Records are `<decimal byte length>\n<signed note>`, appended durably; a record
/// torn by a crash is incomplete and is cut off when the log reopens.
public enum CheckpointHistory {
    /// The file's path in the log's storage.
    public static let path = "checkpoints"

    /// One record's bytes.
    static func record(_ note: SignedNote) -> [UInt8] {
        let bytes = Array(note.serialized.utf8)
        return Array("\(bytes.count)\n".utf8) + bytes
    }

    /// Parses the history: the complete notes and the byte length they occupy.
    /// Anything after the last complete record is reported as `tornBytes`.
    public static func parse(_ bytes: [UInt8]) -> (notes: [SignedNote], validLength: Int, tornBytes: Int) {
        var notes: [SignedNote] = []
        var offset = 0
        while offset < bytes.count {
            guard let newline = bytes[offset...].firstIndex(of: 0x0A), newline - offset <= 8,
                let length = Int(String(decoding: bytes[offset..<newline], as: UTF8.self)), length > 0,
                newline + 1 + length <= bytes.count,
                let note = try? SignedNote(parsing: bytes[(newline + 1)..<(newline + 1 + length)])
            else { break }
            notes.append(note)
            offset = newline + 1 + length
        }
        return (notes, offset, bytes.count - offset)
    }

    /// How much of the end of the history a clean open reads to find the last record.
    static let tailWindow = 16 << 10

    /// The last record of the history from its last bytes: the record that ends exactly at
    /// the end and whose note `verifier` accepts (a note's own lines can look like a length
    /// prefix, but only the whole signed note verifies). `isWholeFile`: the tail starts at
    /// the file's first byte. Nil if there is none, and the caller parses the whole history.
    static func lastRecord(inTail tail: [UInt8], isWholeFile: Bool, verifier: any NoteVerifier) -> SignedNote? {
        var start = 0
        while start < tail.count {
            defer { start += 1 }
            // A record starts the file or follows the newline that ends the previous note.
            guard (start == 0 && isWholeFile) || (start > 0 && tail[start - 1] == 0x0A) else { continue }
            guard let newline = tail[start...].prefix(9).firstIndex(of: 0x0A), newline > start,
                let length = Int(String(decoding: tail[start..<newline], as: UTF8.self)), length > 0,
                newline + 1 + length == tail.count,
                let note = try? SignedNote(parsing: tail[(newline + 1)...]),
                (try? note.verify(with: [verifier])) != nil
            else { continue }
            return note
        }
        return nil
    }
}
