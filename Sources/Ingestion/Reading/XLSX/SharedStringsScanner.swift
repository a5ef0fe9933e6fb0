/// Reads a workbook's shared strings (`xl/sharedStrings.xml`) on its bytes, as `SheetScanner`
/// reads a sheet: each `<si>` is one string, the text of its `<t>` elements (rich-text runs
/// `<r><t>` joined) without the phonetic guides (`<rPh>`), entities replaced, CDATA taken as text.
///
/// It gives what `XMLScanner` events give (a test holds it to that) without a name, an attribute
/// dictionary and a string per tag: a workbook with a unique string per ID number has hundreds of
/// thousands of them, read before the first row of the sheet can be.
enum SharedStringsScanner {
    static func strings(_ bytes: [UInt8]) -> [String] {
        bytes.withUnsafeBufferPointer { strings($0) }
    }

    static func strings(_ p: UnsafeBufferPointer<UInt8>) -> [String] {
        var strings = [String]()
        var current = [UInt8]()
        var inText = false
        var inPhonetic = false
        let n = p.count
        var i = 0
        while i < n {
            if p[i] != 0x3C {  // text up to the next '<'
                var j = i
                while j < n, p[j] != 0x3C { j += 1 }
                if inText { appendDecoded(UnsafeBufferPointer(rebasing: p[i..<j]), to: &current) }
                i = j
                continue
            }
            guard i + 1 < n else { break }
            switch XMLBytes.markup(p, at: i) {
            case .incomplete: return strings
            case .skipped(let next, let text):
                if inText, let text { appendDecoded(UnsafeBufferPointer(rebasing: p[text]), to: &current) }
                i = next
                continue
            case .tag: break
            }
            // A tag: find its end, minding quoted attribute values.
            guard let j = XMLBytes.tagEnd(p, from: i + 1) else { break }  // a tag cut off: the part ends here
            let t = UnsafeBufferPointer(rebasing: p[(i + 1)..<j])
            i = j + 1
            guard !t.isEmpty else { continue }
            if t[0] == 0x2F {  // an end tag
                var end = 1
                while end < t.count, !XMLBytes.isSpace(t[end]) { end += 1 }
                switch localName(t, 1, end) {
                case .si:
                    strings.append(String(decoding: current, as: UTF8.self))
                    current.removeAll(keepingCapacity: true)
                case .rPh: inPhonetic = false
                case .t: inText = false
                case .other: break
                }
                continue
            }
            let selfClosing = t[t.count - 1] == 0x2F
            var nameEnd = 0
            let bodyEnd = selfClosing ? t.count - 1 : t.count
            while nameEnd < bodyEnd, !XMLBytes.isSpace(t[nameEnd]) { nameEnd += 1 }
            switch localName(t, 0, nameEnd) {
            case .si:
                current.removeAll(keepingCapacity: true)
                // `<si/>` is an empty string; the event reading never appended one.
                if selfClosing { strings.append("") }
            case .rPh: inPhonetic = !selfClosing
            case .t: inText = !selfClosing && !inPhonetic
            case .other: break
            }
        }
        return strings
    }

    private enum Name {
        case si, rPh, t, other
    }

    /// The local name (after any `prefix:`) of `t[from..<to]`.
    private static func localName(_ t: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Name {
        var start = from
        for k in from..<to where t[k] == 0x3A { start = k + 1 }
        switch to - start {
        case 1: return t[start] == 0x74 ? .t : .other
        case 2: return t[start] == 0x73 && t[start + 1] == 0x69 ? .si : .other
        case 3: return t[start] == 0x72 && t[start + 1] == 0x50 && t[start + 2] == 0x68 ? .rPh : .other
        default: return .other
        }
    }

    /// Appends text with its entity references replaced (as `XMLScanner.decode` does).
    private static func appendDecoded(_ bytes: UnsafeBufferPointer<UInt8>, to value: inout [UInt8]) {
        if !bytes.contains(0x26) {
            value.append(contentsOf: bytes)
        } else {
            value.append(contentsOf: XMLScanner.decode(ArraySlice(bytes)).utf8)
        }
    }
}
