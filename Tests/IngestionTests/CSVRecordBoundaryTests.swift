@testable import Ingestion
import Testing

/// `CSVRecordBoundary` follows only the quoting; it must report the record ends that scanning
/// the records with `CSVScanner` reports, for every start, limit and buffer end.
@Suite struct CSVRecordBoundaryTests {
    /// The cut as it was found before: scanning whole records with the scanner.
    static func scannedEnd(_ bytes: [UInt8], from position: Int, limit: Int, delimiter: UInt8) -> Int? {
        var scanner = CSVScanner(delimiter: delimiter)
        var at = position
        var end: Int?
        while at < limit {
            switch scanner.scan(bytes, from: at, atEnd: false) {
            case .record(let next, _, _, _):
                end = next
                at = next
            case .end, .needMore:
                return end
            }
        }
        return end
    }

    static func check(_ bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ",")) {
        // Every buffer end (a read that stops anywhere), every limit, from the start and from each record end.
        for n in 0...bytes.count {
            let buffer = Array(bytes[..<n])
            var starts = [0]
            var at = 0
            var scanner = CSVScanner(delimiter: delimiter)
            while at < n, case .record(let next, _, _, _) = scanner.scan(buffer, from: at, atEnd: false) {
                starts.append(next)
                at = next
            }
            for start in starts where start <= n {
                for limit in start...n {
                    let fast = buffer.withUnsafeBufferPointer {
                        CSVRecordBoundary.lastRecordEnd(in: $0, from: start, limit: limit, delimiter: delimiter)
                    }
                    let reference = scannedEnd(buffer, from: start, limit: limit, delimiter: delimiter)
                    #expect(fast == reference, "n \(n), start \(start), limit \(limit)")
                    if fast != reference { return }
                }
            }
        }
    }

    /// `recordEnd(near:)` jumps from quote to quote: where it finds a cut, the cut must be one
    /// the scanner makes (or a blank line after one), and the one nearest the limit: no record
    /// ends between it and the limit.
    static func checkJumping(_ bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ",")) -> Int {
        var found = 0
        for n in 0...bytes.count {
            let buffer = Array(bytes[..<n])
            var ends = [Int]()
            var at = 0
            var scanner = CSVScanner(delimiter: delimiter)
            while at < n, case .record(let next, _, _, _) = scanner.scan(buffer, from: at, atEnd: false) {
                ends.append(next)
                at = next
            }
            for start in [0] + ends where start <= n {
                let later = ends.filter { $0 > start }
                for limit in start...n {
                    guard
                        let cut = buffer.withUnsafeBufferPointer({
                            CSVRecordBoundary.recordEnd(near: limit, in: $0, from: start, delimiter: delimiter)
                        })
                    else { continue }
                    found += 1
                    // A scanner's end, or a blank line's LF after one (or after the start).
                    let after = ([start] + later).last { $0 <= cut } ?? start
                    let safe = later.contains(cut) || (buffer[cut - 1] == 0x0A && buffer[after..<cut].allSatisfy { $0 == 0x0A || $0 == 0x0D })
                    #expect(safe, "n \(n), start \(start), limit \(limit), cut \(cut)")
                    let between = cut <= limit ? later.filter { $0 > cut && $0 <= limit } : later.filter { $0 >= limit && $0 < cut }
                    #expect(between.isEmpty, "n \(n), start \(start), limit \(limit), cut \(cut), ends \(between)")
                    if !safe || !between.isEmpty { return found }
                }
            }
        }
        return found
    }

    @Test func jumpingCutsAreScannerCuts() {
        var found = Self.checkJumping(Array(CSVScannerTests.tricky.prefix(140)))
        found += Self.checkJumping(Array(CSVScannerTests.tricky.suffix(120)))
        found += Self.checkJumping(Array("a,\"b\"\rc,d\n\"x\"y,z\n\"\"\"\",q\r\r\n\n\"p\nq\"\"\",r\nu\"v,w\n\r\"m\nn\",\n,\"".utf8))
        found += Self.checkJumping(Array("\"a;b\";\"c\nd\";e\r\n\"f\"\"\";g;\n".utf8), delimiter: UInt8(ascii: ";"))
        found += Self.checkJumping(Array("1,\"¥1,116.00\",x\n2,3,y\n\r\r\"q\nr\",z\na,\r\"b\n\"c\"\rd\n".utf8))
        for bytes in Self.seededTexts(seed: 0x2545_F491_4F6C_DD1D) { found += Self.checkJumping(bytes) }
        // Not a test that says nothing: most places do find a cut by jumping.
        #expect(found > 10_000)
    }

    @Test func agreesWithTheScannerOnTheTrickyFile() {
        Self.check(Array(CSVScannerTests.tricky.prefix(140)))
        Self.check(Array(CSVScannerTests.tricky.suffix(120)))
    }

    @Test func agreesOnQuotesAtEveryPlace() {
        // A closing quote followed by CR without LF, text after a closing quote, `""` at the
        // end, a quote inside an unquoted field, blank lines of CR alone, a separator last.
        Self.check(Array("a,\"b\"\rc,d\n\"x\"y,z\n\"\"\"\",q\r\r\n\n\"p\nq\"\"\",r\nu\"v,w\n\r\"m\nn\",\n,\"".utf8))
        Self.check(Array("\"a;b\";\"c\nd\";e\r\n\"f\"\"\";g;\n".utf8), delimiter: UInt8(ascii: ";"))
    }

    @Test func agreesOnSeededRandomText() {
        // Bytes drawn from the few that matter, with a fixed generator: reproducible.
        for bytes in Self.seededTexts(seed: 0x9E37_79B9_7F4A_7C15) { Self.check(bytes) }
    }

    /// Forty texts of 36 bytes drawn from the few bytes that matter to a cut (quote, separator,
    /// CR, LF, a letter) by a fixed linear congruential generator: reproducible.
    static func seededTexts(seed: UInt64) -> [[UInt8]] {
        var state = seed
        let alphabet = Array("\",\r\na".utf8)
        return (0..<40).map { _ in
            (0..<36).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return alphabet[Int(state >> 33) % alphabet.count]
            }
        }
    }
}
