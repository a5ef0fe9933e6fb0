import FundWatchCore
@testable import Ingestion
import Testing

/// A dry run's reader drops the rows where they are mapped (`keepingRows: false`); its tally,
/// cleaning counts included, must be the one of handing every row out, and both the one of
/// mapping the rows one by one. Values repeated in the next row reuse the last cleaned value
/// (an amount in yuan, an insurance's Chinese label): their cleaning is counted all the same.
@Suite struct DryRunTallyTests {
    static let today = CivilDate(year: 2026, month: 11, day: 25)!
    static let yaml = """
        source: hrss_contributions
        department: hrss
        record: contribution
        format: csv
        columns:
          id_number: 身份证号码
          insurance: 险种
          period: { column: 费款所属期, formats: ["yyyyMM"] }
          amount: { column: 缴费金额（元）, unit: yuan }
          employer_id: 单位编号
          paid_date: { column: 缴费日期, formats: ["yyyy/M/d"] }
        """

    static func csv(rows: Int) -> [UInt8] {
        var text = "身份证号码,险种,费款所属期,缴费金额（元）,单位编号,缴费日期\n"
        for i in 0..<rows {
            // Runs of the same person, insurance, amount and date; every 17th row a bad month,
            // every 11th an amount quoted with a thousands separator, a 15-digit ID now and then.
            let id = i % 23 == 9 ? "371482580307123" : (i / 5 % 2 == 0 ? "371482195803071237" : "37148219620115104X")
            let insurance = i / 3 % 2 == 0 ? "职工基本养老保险" : "城乡居民基本养老保险"
            let period = i % 17 == 4 ? "202513" : "2025\(i / 4 % 9 + 1 < 10 ? "0" : "")\(i / 4 % 9 + 1)"
            let amount = i % 11 == 2 ? "\"¥1,116.00\"" : (i / 2 % 3 == 0 ? "¥800.00" : "1116")
            text += "\(id),\(insurance),\(period),\(amount),E37078400\(i / 6 % 10),2025/3/\(1 + i / 2 % 28)\n"
        }
        return Array(text.utf8)
    }

    func tally(keepingRows: Bool, rows: Int) throws -> (QualityAccumulator, handedOut: Int) {
        var reader = try ExportReader(
            spec: try MappingSpec(yaml: Self.yaml), source: MemoryByteSource(Self.csv(rows: rows), chunkSize: 4096), file: "c.csv",
            today: Self.today, keepingRows: keepingRows)
        var tally = QualityAccumulator(
            mapping: reader.mapping, feed: "hrss_contributions", specVersion: 1, sha256: "", encoding: reader.encoding, maxRejectRate: 1)
        var handedOut = 0
        while try reader.next(quality: &tally) != nil { handedOut += 1 }
        return (tally, handedOut)
    }

    @Test func theDryRunTallyIsTheTallyOfEveryRow() throws {
        let rows = 30_000
        let (kept, handedOut) = try tally(keepingRows: true, rows: rows)
        let (dropped, none) = try tally(keepingRows: false, rows: rows)
        #expect(handedOut == rows)
        #expect(none == 0)
        #expect(dropped.report == kept.report)
        #expect(kept.report.rejected > 0 && kept.report.accepted > 0)

        // Row by row, with no chunk and no value kept from the row before.
        var reader = try CSVStreamReader(source: MemoryByteSource(Self.csv(rows: rows)), file: "c.csv")
        let mapping = try BoundMapping(
            spec: try MappingSpec(yaml: Self.yaml), header: try #require(try reader.next()), file: "c.csv", today: Self.today)
        var counts = CleaningCounts()
        var accepted = 0
        while let row = try reader.next() {
            if case .accepted = mapping.map(row, counts: &counts) { accepted += 1 }
        }
        #expect(accepted == kept.report.accepted)
        #expect(counts == kept.cleaning)
        #expect(counts[.moneyToFen] > 0 && counts[.codeMapped] > 0 && counts[.dateReformatted] > 0 && counts[.id15To18] > 0)
    }
}
