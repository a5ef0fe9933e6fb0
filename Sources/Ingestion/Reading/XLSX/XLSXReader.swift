import Foundation
import FundWatchCore
import ZIPFoundation

/// Reads the rows of one XLSX sheet as text: shared and inline strings, numbers as written,
/// booleans as true/false, date-styled numbers as `YYYY-MM-DD`.
///
/// Two background threads stream the sheet: one inflates the zip entry into a small bounded
/// queue of byte chunks, the other scans them into rows handed over in chunks through another,
/// so decompressing runs on one core while the XML is scanned on the other, in bounded memory.
/// Decompression stops at `maxBytes` (a zip bomb is an error, not an exhausted machine).
public final class XLSXReader: RowReader {
    private let channel = HandOff<[SourceRow]>(capacity: 4)
    private var current: [SourceRow] = []
    private var currentIndex = 0

    /// Opens `path` and starts reading `sheet` (nil: the first sheet).
    public init(path: String, sheet: String?, maxBytes: Int = 1 << 30) throws(IngestError) {
        let workbook = try XLSXWorkbook(path: path, sheet: sheet, maxBytes: maxBytes)
        // The threads hold the channels, not the reader, so dropping the reader stops them.
        let channel = self.channel
        let bytes = HandOff<[UInt8]>(capacity: 8)
        let inflater = Thread { XLSXReader.inflate(workbook, into: bytes) }
        inflater.stackSize = 1 << 20
        inflater.start()
        let scanner = Thread { XLSXReader.scan(workbook, from: bytes, into: channel) }
        scanner.stackSize = 1 << 20
        scanner.start()
    }

    deinit { channel.cancel() }

    public func next() throws(IngestError) -> SourceRow? {
        while currentIndex >= current.count {
            guard let chunk = try channel.take() else { return nil }
            current = chunk
            currentIndex = 0
        }
        defer { currentIndex += 1 }
        return current[currentIndex]
    }

    private struct Cancelled: Error {}

    /// Inflates the sheet's entry into `bytes`, a quarter of a MiB at a time (fewer hand-overs
    /// than ZIPFoundation's 16 KiB default), refusing more than the workbook's `maxBytes`.
    private static func inflate(_ workbook: XLSXWorkbook, into bytes: HandOff<[UInt8]>) {
        var total = 0
        var failure: IngestError?
        do {
            guard let entry = workbook.archive[workbook.sheetPath] else { throw Cancelled() }
            _ = try workbook.archive.extract(entry, bufferSize: 1 << 18, skipCRC32: true) { data in
                total += data.count
                if total > workbook.maxBytes { throw XLSXTooLarge() }
                guard bytes.put([UInt8](data)) else { throw Cancelled() }
            }
        } catch is Cancelled {
        } catch is XLSXTooLarge {
            failure = IngestError(file: workbook.file, message: XLSXTooLarge.message(path: workbook.sheetPath, maxBytes: workbook.maxBytes))
        } catch {
            failure = IngestError(file: workbook.file, message: "the sheet cannot be read on (\(error)); the workbook may be truncated or damaged")
        }
        bytes.finish(failure)
    }

    /// Scans the inflated chunks into rows, handed to `channel` 1,024 at a time.
    private static func scan(_ workbook: XLSXWorkbook, from bytes: HandOff<[UInt8]>, into channel: HandOff<[SourceRow]>) {
        // However this ends, the inflater stops too.
        defer { bytes.cancel() }
        var scanner = SheetScanner(sharedStrings: workbook.sharedStrings, dateStyles: workbook.dateStyles)
        var chunk = [SourceRow]()
        var failure: IngestError?
        do {
            while let data = try bytes.take() {
                try data.withUnsafeBytes { raw in
                    try scanner.feed(raw) { row in
                        chunk.append(row)
                        if chunk.count == 1024 {
                            guard channel.put(chunk) else { throw Cancelled() }
                            chunk.removeAll(keepingCapacity: true)
                        }
                    }
                }
                // A single token larger than the limit would otherwise be held whole.
                if scanner.pendingCount > 16 << 20 { throw XLSXTooLarge() }
            }
            // The zip may be whole while the sheet's XML inside it stops short (a workbook
            // written by a program that died): the rows before the cut are not the sheet.
            guard scanner.reachedEnd else {
                throw IngestError(
                    file: workbook.file,
                    message: "sheet '\(workbook.sheetName)' (\(workbook.sheetPath)) is cut short \(scanner.cutPlace): its XML ends without closing the worksheet; export the workbook again")
            }
            if !chunk.isEmpty { _ = channel.put(chunk) }
        } catch is Cancelled {
        } catch is XLSXTooLarge {
            failure = IngestError(file: workbook.file, message: XLSXTooLarge.message(path: workbook.sheetPath, maxBytes: workbook.maxBytes))
        } catch let error as IngestError {
            // The inflater's failure, after every row before it.
            if !chunk.isEmpty { _ = channel.put(chunk) }
            failure = error
        } catch {
            failure = IngestError(file: workbook.file, message: "the sheet cannot be read on (\(error)); the workbook may be truncated or damaged")
        }
        channel.finish(failure)
    }
}

/// Turns sheet XML events into rows: the straightforward reading that `SheetScanner` (which
/// reads sheets) is held to in tests.
struct SheetState {
    let sharedStrings: [String]
    let dateStyles: [Bool]
    private var rowNumber = 0
    private var cells: [(Int, String)] = []
    private var column = 0
    private var type = "n"
    private var style = 0
    private var value = ""
    private var inValue = false
    private var inRow = false

    init(sharedStrings: [String], dateStyles: [Bool]) {
        self.sharedStrings = sharedStrings
        self.dateStyles = dateStyles
    }

    /// Handles one event; returns a row when one ends with something in it.
    mutating func handle(_ event: XMLScanner.Event) -> SourceRow? {
        switch event {
        case .start("row", let a, let selfClosing):
            rowNumber = a["r"].flatMap { Int($0) } ?? rowNumber + 1
            cells.removeAll(keepingCapacity: true)
            column = 0
            inRow = !selfClosing
        case .end("row"):
            inRow = false
            return makeRow()
        case .start("c", let a, _) where inRow:
            column = a["r"].map(SheetState.columnIndex) ?? column + 1
            type = a["t"] ?? "n"
            style = a["s"].flatMap { Int($0) } ?? 0
            value = ""
        case .end("c") where inRow:
            if let text = cellText(), !text.isEmpty { cells.append((column, text)) }
        case .start("v", _, let selfClosing), .start("t", _, let selfClosing):
            inValue = !selfClosing
        case .end("v"), .end("t"):
            inValue = false
        case .text(let bytes) where inValue:
            value += XMLScanner.decode(bytes)
        default:
            break
        }
        return nil
    }

    private func cellText() -> String? {
        switch type {
        case "s":
            guard let i = Int(value), i >= 0, i < sharedStrings.count else { return nil }
            return sharedStrings[i]
        case "b": return value == "1" ? "true" : "false"
        case "inlineStr", "str", "e": return value
        default:
            if style < dateStyles.count, dateStyles[style], let serial = Double(value), serial >= 1, serial < 2_958_466 {
                // Whole days since 1899-12-30 (Excel's 1900 leap-year slip only matters before March 1900).
                let days = Int(serial.rounded(.down)) - 25_569
                return SheetState.isoDate(daysSinceEpoch: days)
            }
            return value
        }
    }

    private func makeRow() -> SourceRow? {
        guard let last = cells.map(\.0).max() else { return nil }
        var fields = [String](repeating: "", count: last)
        for (c, text) in cells where c >= 1 { fields[c - 1] = text }
        return SourceRow(line: rowNumber, fields: fields)
    }

    /// `BC12` → 55 (1-based column).
    static func columnIndex(_ reference: String) -> Int {
        var n = 0
        for b in reference.utf8 {
            guard b >= 0x41 && b <= 0x5A else { break }
            n = n * 26 + Int(b - 0x40)
        }
        return n
    }

    static func isoDate(daysSinceEpoch days: Int) -> String { CivilDate(daysSinceEpoch: days).description }
}
