import Foundation
import ZIPFoundation

/// The parts of an XLSX workbook needed to read one sheet: which entry holds it, the shared
/// strings and which cell styles are dates. Every part is extracted with a size limit, so a
/// "zip bomb" disguised as a workbook is refused instead of filling memory.
///
/// `@unchecked Sendable`: the archive handle is handed to the reading thread once and used only there.
struct XLSXWorkbook: @unchecked Sendable {
    let archive: Archive
    let file: String
    /// The zip entry path of the sheet to read.
    let sheetPath: String
    /// The sheet's name as the workbook lists it (the tab the user sees).
    let sheetName: String
    let sharedStrings: [String]
    /// For each cell style index, whether it formats a date.
    let dateStyles: [Bool]
    let maxBytes: Int

    init(path: String, sheet: String?, maxBytes: Int) throws(IngestError) {
        file = path
        self.maxBytes = maxBytes
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw IngestError(file: path, message: "not an XLSX workbook (it cannot be opened as a zip archive); is it an old .xls or a CSV? Save it as .xlsx or CSV")
        }
        let workbook = try XLSXWorkbook.part(archive, "xl/workbook.xml", file: path, maxBytes: maxBytes, required: true)
        var sheets = [(name: String, id: String)]()
        var scanner = XMLScanner()
        scanner.feed(workbook, final: true) { event in
            if case .start("sheet", let a, _) = event, let name = a["name"], let id = a["id"] { sheets.append((name, id)) }
        }
        guard !sheets.isEmpty else { throw IngestError(file: path, message: "the workbook has no sheets") }
        let chosen: (name: String, id: String)
        if let sheet {
            guard let found = sheets.first(where: { $0.name == sheet }) else {
                throw IngestError(file: path, message: "no sheet named '\(sheet)'; the workbook has \(sheets.map { "'\($0.name)'" }.joined(separator: ", ")) (sheet in the spec)")
            }
            chosen = found
        } else {
            chosen = sheets[0]
        }
        var target: String?
        let rels = try XLSXWorkbook.part(archive, "xl/_rels/workbook.xml.rels", file: path, maxBytes: maxBytes, required: true)
        scanner = XMLScanner()
        scanner.feed(rels, final: true) { event in
            if case .start("Relationship", let a, _) = event, a["Id"] == chosen.id { target = a["Target"] }
        }
        guard let target else { throw IngestError(file: path, message: "the workbook does not say where sheet '\(chosen.name)' is stored") }
        sheetName = chosen.name
        sheetPath = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        guard archive[sheetPath] != nil else { throw IngestError(file: path, message: "sheet '\(chosen.name)' is missing from the workbook (\(sheetPath))") }

        let shared = try XLSXWorkbook.part(archive, "xl/sharedStrings.xml", file: path, maxBytes: maxBytes, required: false)
        sharedStrings = SharedStringsScanner.strings(shared)

        var customFormats = [Int: String]()
        var styleFormats = [Int]()
        var inCellXfs = false
        let styles = try XLSXWorkbook.part(archive, "xl/styles.xml", file: path, maxBytes: maxBytes, required: false)
        scanner = XMLScanner()
        scanner.feed(styles, final: true) { event in
            switch event {
            case .start("numFmt", let a, _):
                if let id = a["numFmtId"].flatMap({ Int($0) }), let code = a["formatCode"] { customFormats[id] = code }
            case .start("cellXfs", _, let selfClosing): inCellXfs = !selfClosing
            case .end("cellXfs"): inCellXfs = false
            case .start("xf", let a, _) where inCellXfs: styleFormats.append(a["numFmtId"].flatMap { Int($0) } ?? 0)
            default: break
            }
        }
        dateStyles = styleFormats.map { XLSXWorkbook.isDateFormat($0, custom: customFormats[$0]) }
    }

    /// Whether a number format shows a date: the built-in date formats, or a custom code with
    /// year or day parts outside quoted text and [colour] sections.
    static func isDateFormat(_ id: Int, custom: String?) -> Bool {
        if (14...22).contains(id) || (27...36).contains(id) || (45...47).contains(id) || (50...58).contains(id) { return true }
        guard let code = custom else { return false }
        var plain = ""
        var inQuote = false
        var inBracket = false
        for ch in code {
            switch ch {
            case "\"": inQuote.toggle()
            case "[" where !inQuote: inBracket = true
            case "]" where !inQuote: inBracket = false
            default: if !inQuote && !inBracket { plain.append(ch) }
            }
        }
        let lower = plain.lowercased()
        return lower.contains("y") || lower.contains("d")
    }

    /// One part extracted whole (small parts only), refusing more than `maxBytes`.
    static func part(_ archive: Archive, _ path: String, file: String, maxBytes: Int, required: Bool) throws(IngestError) -> [UInt8] {
        guard let entry = archive[path] else {
            if required { throw IngestError(file: file, message: "not an XLSX workbook: \(path) is missing") }
            return []
        }
        var bytes = [UInt8]()
        do {
            _ = try archive.extract(entry, skipCRC32: true) { data in
                bytes.append(contentsOf: data)
                if bytes.count > maxBytes { throw XLSXTooLarge() }
            }
        } catch is XLSXTooLarge {
            throw IngestError(file: file, message: XLSXTooLarge.message(path: path, maxBytes: maxBytes))
        } catch {
            throw IngestError(file: file, message: "the workbook is damaged: \(path) cannot be decompressed (\(error))")
        }
        return bytes
    }
}

/// Thrown inside extraction to stop it when a part grows beyond the limit.
struct XLSXTooLarge: Error {
    static func message(path: String, maxBytes: Int) -> String {
        "\(path) expands beyond \(maxBytes >> 20) MiB when decompressed: a zip bomb, or a sheet larger than allowed; split the export or raise the limit"
    }
}
