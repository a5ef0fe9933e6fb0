/// The file types evidence may be, told by their content (never by the name or the declared
/// type, which the uploader controls).
public enum EvidenceFileType: String, Sendable, Hashable, CaseIterable, Codable {
    case pdf, png, jpeg, text, docx, xlsx
    /// A document (文书) the system itself issued; never sniffed from an upload, which stays
    /// limited to the types above.
    case html

    /// The media type the file is served back with.
    public var mediaType: String {
        switch self {
        case .pdf: "application/pdf"
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .text: "text/plain; charset=utf-8"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .html: "text/html; charset=utf-8"
        }
    }

    /// The type of `bytes` by content sniffing, or nil when it is none of the allowed types.
    ///
    /// PDF, PNG and JPEG by their magic numbers; Word and Excel files are ZIP archives told
    /// apart by their main part (`word/document.xml`, `xl/workbook.xml`) among the entry names;
    /// plain text is valid UTF-8 without control characters other than tab, line feed, carriage
    /// return and form feed.
    public static func sniff(_ bytes: [UInt8]) -> EvidenceFileType? {
        func starts(_ magic: [UInt8]) -> Bool { bytes.count >= magic.count && Array(bytes.prefix(magic.count)) == magic }
        if starts(Array("%PDF-".utf8)) { return .pdf }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts([0x50, 0x4B, 0x03, 0x04]) {
            if contains(bytes, Array("word/document.xml".utf8)) { return .docx }
            if contains(bytes, Array("xl/workbook.xml".utf8)) { return .xlsx }
            return nil
        }
        guard !bytes.isEmpty, String(validating: bytes, as: UTF8.self) != nil else { return nil }
        let allowedControls: Set<UInt8> = [0x09, 0x0A, 0x0C, 0x0D]
        guard !bytes.contains(where: { ($0 < 0x20 && !allowedControls.contains($0)) || $0 == 0x7F }) else { return nil }
        return .text
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count, let first = needle.first else { return false }
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first, Array(haystack[i..<(i + needle.count)]) == needle { return true }
            i += 1
        }
        return false
    }
}
