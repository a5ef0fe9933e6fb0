/// A small incremental XML tokenizer for the regular XML inside XLSX files (sheets, shared
/// strings, styles): start and end tags with attributes, text, entity references; comments,
/// processing instructions and DOCTYPE skipped; CDATA passed as text. Bytes are pushed in chunks
/// and a tag cut by a chunk's end waits for the next one, so a sheet streams in bounded memory.
struct XMLScanner {
    enum Event {
        /// A start tag (local name, without a namespace prefix), its attributes, and whether it closes itself.
        case start(name: String, attributes: [String: String], selfClosing: Bool)
        case end(name: String)
        /// Raw text between tags (entities not yet decoded; see `decode`).
        case text(ArraySlice<UInt8>)
    }

    private var pending: [UInt8] = []

    /// Feeds bytes; calls `handle` for each complete token. `final` flushes trailing text.
    mutating func feed(_ bytes: [UInt8], final: Bool = false, _ handle: (Event) throws -> Void) rethrows {
        pending.append(contentsOf: bytes)
        var i = 0
        let n = pending.count
        var consumed = 0
        while i < n {
            if pending[i] != 0x3C {  // '<'
                var j = i
                while j < n, pending[j] != 0x3C { j += 1 }
                if j == n && !final { break }  // text may continue
                try handle(.text(pending[i..<j]))
                i = j
                consumed = i
                continue
            }
            // A tag: find its end, minding quoted attribute values and special constructs.
            if i + 1 >= n { break }
            if pending[i + 1] == 0x21 {  // '<!': comment, CDATA or DOCTYPE
                if startsWith(i, "<![CDATA[") {
                    guard let close = find(from: i + 9, "]]>") else { break }
                    try handle(.text(pending[(i + 9)..<close]))
                    i = close + 3
                } else if startsWith(i, "<!--") {
                    guard let close = find(from: i + 4, "-->") else { break }
                    i = close + 3
                } else {
                    guard let close = find(from: i, ">") else { break }
                    i = close + 1
                }
                consumed = i
                continue
            }
            if pending[i + 1] == 0x3F {  // '<?'
                guard let close = find(from: i + 2, "?>") else { break }
                i = close + 2
                consumed = i
                continue
            }
            guard let j = XMLBytes.tagEnd(pending, from: i + 1) else { break }  // the tag continues in the next chunk
            try handle(parseTag(pending[(i + 1)..<j]))
            i = j + 1
            consumed = i
        }
        pending.removeSubrange(0..<consumed)
    }

    /// Bytes held back waiting for the rest of a token.
    var pendingCount: Int { pending.count }

    private func startsWith(_ i: Int, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard i + count <= pending.count else { return false }
        let p = literal.utf8Start
        for k in 0..<count where pending[i + k] != p[k] { return false }
        return true
    }

    private func find(from start: Int, _ literal: StaticString) -> Int? {
        var i = start
        while i + literal.utf8CodeUnitCount <= pending.count {
            if startsWith(i, literal) { return i }
            i += 1
        }
        return nil
    }

    private func parseTag(_ t: ArraySlice<UInt8>) -> Event {
        var body = t
        if body.first == 0x2F {  // '/': end tag
            return .end(name: XMLScanner.localName(body.dropFirst().prefix { !XMLBytes.isSpace($0) }))
        }
        var selfClosing = false
        if body.last == 0x2F {
            selfClosing = true
            body = body.dropLast()
        }
        let nameBytes = body.prefix { !XMLBytes.isSpace($0) }
        var attributes = [String: String]()
        var k = nameBytes.endIndex
        while k < body.endIndex {
            while k < body.endIndex, XMLBytes.isSpace(body[k]) { k += 1 }
            let nameStart = k
            while k < body.endIndex, body[k] != 0x3D, !XMLBytes.isSpace(body[k]) { k += 1 }
            let name = XMLScanner.localName(body[nameStart..<k])
            while k < body.endIndex, body[k] != 0x22, body[k] != 0x27 { k += 1 }
            guard k < body.endIndex else { break }
            let quote = body[k]
            k += 1
            let valueStart = k
            while k < body.endIndex, body[k] != quote { k += 1 }
            if !name.isEmpty { attributes[name] = XMLScanner.decode(body[valueStart..<min(k, body.endIndex)]) }
            k += 1
        }
        return .start(name: XMLScanner.localName(nameBytes), attributes: attributes, selfClosing: selfClosing)
    }

    private static func localName(_ bytes: ArraySlice<UInt8>) -> String {
        let local = bytes.lastIndex(of: 0x3A).map { bytes[($0 + 1)...] } ?? bytes
        return String(decoding: local, as: UTF8.self)
    }

    /// Text with its entity and character references replaced.
    static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(0x26) else { return String(decoding: bytes, as: UTF8.self) }
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            guard b == 0x26, let semicolon = bytes[i...].prefix(12).firstIndex(of: 0x3B) else {
                out.append(b)
                i += 1
                continue
            }
            let entity = String(decoding: bytes[(i + 1)..<semicolon], as: UTF8.self)
            var scalar: Unicode.Scalar?
            switch entity {
            case "lt": scalar = "<"
            case "gt": scalar = ">"
            case "amp": scalar = "&"
            case "quot": scalar = "\""
            case "apos": scalar = "'"
            default:
                if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                    scalar = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                } else if entity.hasPrefix("#") {
                    scalar = UInt32(entity.dropFirst()).flatMap(Unicode.Scalar.init)
                }
            }
            if let scalar {
                out.append(contentsOf: String(scalar).utf8)
                i = semicolon + 1
            } else {
                out.append(b)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
