/// Reads a worksheet's XML straight into rows, on its bytes: only what a sheet needs (`<row r>`,
/// `<c r t s>`, `<v>`, `<t>` of inline strings) is recognised, attributes are read in place
/// without building dictionaries, and a cell's text becomes one `String` when the cell ends.
///
/// It gives exactly what `XMLScanner` events through `SheetState` give (a test holds them to
/// it), several times faster: those build a name, a dictionary of attributes and a string for
/// every tag. Bytes are pushed in chunks; a token cut by a chunk's end waits for the next.
struct SheetScanner {
    let sharedStrings: [String]
    let dateStyles: [Bool]
    private var pending: [UInt8] = []
    private var rowNumber = 0
    private var inRow = false
    private var cells: [(Int, String)] = []
    private var column = 0
    private var type = CellType.number
    private var style = 0
    private var value: [UInt8] = []
    private var inValue = false
    /// Whether the sheet's root element (`</worksheet>`) has ended: a sheet whose XML stops
    /// before it was cut short, even inside an intact zip.
    private(set) var reachedEnd = false

    /// A cell's `t` attribute, as far as reading it goes.
    private enum CellType {
        case shared, boolean, text, number
    }

    init(sharedStrings: [String], dateStyles: [Bool]) {
        self.sharedStrings = sharedStrings
        self.dateStyles = dateStyles
    }

    /// Bytes held back waiting for the rest of a token.
    var pendingCount: Int { pending.count }

    /// Where a sheet that ended early was cut, for the error: in or after which row.
    var cutPlace: String {
        inRow ? "in the middle of row \(rowNumber)" : rowNumber > 0 ? "after row \(rowNumber)" : "before its first row"
    }

    /// Feeds bytes; calls `emit` for each row that ends with something in it. `final` flushes trailing text.
    mutating func feed(_ bytes: UnsafeRawBufferPointer, final: Bool = false, _ emit: (SourceRow) throws -> Void) rethrows {
        pending.append(contentsOf: bytes)
        // Taken out of `self` while it is scanned, so the scan may change the rest of `self`.
        var buffer = [UInt8]()
        swap(&buffer, &pending)
        let consumed = try buffer.withUnsafeBufferPointer { try scan($0, final: final, emit) }
        buffer.removeSubrange(0..<consumed)
        pending = buffer
    }

    /// Scans `p`; returns how many bytes whole tokens took.
    private mutating func scan(_ p: UnsafeBufferPointer<UInt8>, final: Bool, _ emit: (SourceRow) throws -> Void) rethrows -> Int {
        let n = p.count
        var i = 0
        var consumed = 0
        while i < n {
            if p[i] != 0x3C {  // text up to the next '<'
                var j = i
                while j < n, p[j] != 0x3C { j += 1 }
                if j == n && !final { break }  // text may continue
                if inValue { appendDecoded(UnsafeBufferPointer(rebasing: p[i..<j])) }
                i = j
                consumed = i
                continue
            }
            if i + 1 >= n { break }
            switch XMLBytes.markup(p, at: i) {
            case .incomplete: return consumed
            case .skipped(let next, let text):
                if inValue, let text { appendDecoded(UnsafeBufferPointer(rebasing: p[text])) }
                i = next
                consumed = i
                continue
            case .tag: break
            }
            // A tag: find its end, minding quoted attribute values.
            guard let j = XMLBytes.tagEnd(p, from: i + 1) else { break }  // the tag continues in the next chunk
            if let row = tag(UnsafeBufferPointer(rebasing: p[(i + 1)..<j])) { try emit(row) }
            i = j + 1
            consumed = i
        }
        return consumed
    }

    /// Handles the tag between `<` and `>`; returns a row when one ends with something in it.
    private mutating func tag(_ t: UnsafeBufferPointer<UInt8>) -> SourceRow? {
        guard !t.isEmpty else { return nil }
        if t[0] == 0x2F {  // an end tag
            var end = 1
            while end < t.count, !XMLBytes.isSpace(t[end]) { end += 1 }
            let name = Self.localName(t, 1, end)
            switch name {
            case .row:
                inRow = false
                return makeRow()
            case .c where inRow:
                if let text = cellText(), !text.isEmpty { cells.append((column, text)) }
            case .v, .t:
                inValue = false
            case .worksheet:
                reachedEnd = true
            default:
                break
            }
            return nil
        }
        var bodyEnd = t.count
        var selfClosing = false
        if t[bodyEnd - 1] == 0x2F {
            selfClosing = true
            bodyEnd -= 1
        }
        var nameEnd = 0
        while nameEnd < bodyEnd, !XMLBytes.isSpace(t[nameEnd]) { nameEnd += 1 }
        switch Self.localName(t, 0, nameEnd) {
        case .row:
            var r: Int?
            Self.attributes(t, from: nameEnd, to: bodyEnd) { name, v in
                if Self.isLocal(name, "r") { r = Self.integer(v) }
            }
            rowNumber = r ?? rowNumber + 1
            cells.removeAll(keepingCapacity: true)
            column = 0
            inRow = !selfClosing
        case .c where inRow:
            var reference: Int?
            var type = CellType.number
            var style: Int?
            Self.attributes(t, from: nameEnd, to: bodyEnd) { name, v in
                if Self.isLocal(name, "r") {
                    reference = Self.columnIndex(v)
                } else if Self.isLocal(name, "t") {
                    type = Self.cellType(v)
                } else if Self.isLocal(name, "s") {
                    style = Self.integer(v)
                }
            }
            column = reference ?? column + 1
            self.type = type
            self.style = style ?? 0
            value.removeAll(keepingCapacity: true)
        case .v, .t:
            inValue = !selfClosing
        default:
            break
        }
        return nil
    }

    private func cellText() -> String? {
        switch type {
        case .shared:
            // The index read on the bytes, as `Int(String)` reads it (no string per cell).
            guard let i = value.withUnsafeBufferPointer({ Self.integer($0) }), i >= 0, i < sharedStrings.count else { return nil }
            return sharedStrings[i]
        case .boolean:
            return value.count == 1 && value[0] == 0x31 ? "true" : "false"
        case .text:
            return String(decoding: value, as: UTF8.self)
        case .number:
            let text = String(decoding: value, as: UTF8.self)
            if style < dateStyles.count, dateStyles[style], let serial = Double(text), serial >= 1, serial < 2_958_466 {
                // Whole days since 1899-12-30 (Excel's 1900 leap-year slip only matters before March 1900).
                return SheetState.isoDate(daysSinceEpoch: Int(serial.rounded(.down)) - 25_569)
            }
            return text
        }
    }

    private func makeRow() -> SourceRow? {
        guard var last = cells.first?.0 else { return nil }
        for (c, _) in cells where c > last { last = c }
        var fields = [String](repeating: "", count: last)
        for (c, text) in cells where c >= 1 { fields[c - 1] = text }
        return SourceRow(line: rowNumber, fields: fields)
    }

    /// Appends text with its entity references replaced (as `XMLScanner.decode` does).
    private mutating func appendDecoded(_ bytes: UnsafeBufferPointer<UInt8>) {
        if !bytes.contains(0x26) {
            value.append(contentsOf: bytes)
        } else {
            value.append(contentsOf: XMLScanner.decode(ArraySlice(bytes)).utf8)
        }
    }

    /// The tags a sheet's rows are made of.
    private enum Name {
        case row, c, v, t, worksheet, other
    }

    /// The local name (after any `prefix:`) of `t[from..<to]`.
    private static func localName(_ t: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Name {
        var start = from
        for k in from..<to where t[k] == 0x3A { start = k + 1 }
        switch to - start {
        case 1:
            switch t[start] {
            case 0x63: return .c
            case 0x76: return .v
            case 0x74: return .t
            default: return .other
            }
        case 3:
            return t[start] == 0x72 && t[start + 1] == 0x6F && t[start + 2] == 0x77 ? .row : .other
        case 9:
            return XMLBytes.starts(t, start, "worksheet") ? .worksheet : .other
        default:
            return .other
        }
    }

    /// Calls `body` with each attribute's name and (raw) value bytes, in the tag body `t[from..<to]`.
    private static func attributes(
        _ t: UnsafeBufferPointer<UInt8>, from: Int, to: Int, _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Void
    ) {
        var k = from
        while k < to {
            while k < to, XMLBytes.isSpace(t[k]) { k += 1 }
            let nameStart = k
            while k < to, t[k] != 0x3D, !XMLBytes.isSpace(t[k]) { k += 1 }
            let name = UnsafeBufferPointer(rebasing: t[nameStart..<k])
            while k < to, t[k] != 0x22, t[k] != 0x27 { k += 1 }
            guard k < to else { return }
            let quote = t[k]
            k += 1
            let valueStart = k
            while k < to, t[k] != quote { k += 1 }
            if !name.isEmpty { body(name, UnsafeBufferPointer(rebasing: t[valueStart..<min(k, to)])) }
            k += 1
        }
    }

    /// Whether an attribute's local name is the one-letter `letter`.
    private static func isLocal(_ name: UnsafeBufferPointer<UInt8>, _ letter: Unicode.Scalar) -> Bool {
        guard let last = name.last, last == UInt8(ascii: letter) else { return false }
        return name.count == 1 || name[name.count - 2] == 0x3A
    }

    /// `Int(text)` for an attribute: nil unless all digits (an optional sign first).
    private static func integer(_ v: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !v.isEmpty, v.count < 19 else { return v.isEmpty ? nil : Int(String(decoding: v, as: UTF8.self)) }
        var i = 0
        var negative = false
        if v[0] == 0x2D || v[0] == 0x2B {
            negative = v[0] == 0x2D
            i = 1
            guard v.count > 1 else { return nil }
        }
        var n = 0
        while i < v.count {
            let d = v[i] &- 0x30
            guard d < 10 else { return nil }
            n = n * 10 + Int(d)
            i += 1
        }
        return negative ? -n : n
    }

    /// `BC12` → 55 (1-based column), as `SheetState.columnIndex` reads it.
    private static func columnIndex(_ v: UnsafeBufferPointer<UInt8>) -> Int {
        var n = 0
        for b in v {
            guard b >= 0x41 && b <= 0x5A else { break }
            n = n * 26 + Int(b - 0x40)
        }
        return n
    }

    private static func cellType(_ v: UnsafeBufferPointer<UInt8>) -> CellType {
        switch v.count {
        case 1 where v[0] == 0x73: .shared
        case 1 where v[0] == 0x62: .boolean
        case 1 where v[0] == 0x65: .text
        case 3 where v[0] == 0x73 && v[1] == 0x74 && v[2] == 0x72: .text
        case 9 where v.elementsEqual("inlineStr".utf8): .text
        default: .number
        }
    }
}
