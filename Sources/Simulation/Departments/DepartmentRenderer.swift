import Foundation
import FundWatchCore
import Ingestion

/// Writes canonical values the way a department's export has them, with the dirt real exports
/// carry: old 15-digit and lower-case-x ID numbers, stray spaces, Traditional characters,
/// full-width digits, yuan with `¥` and thousands separators, region names, Chinese codes.
/// Every kind of dirt is one that ingestion cleans back to the canonical value exactly; the
/// choice of which value gets which is a fixed function of the row number, so output repeats.
struct DepartmentRenderer {
    let feed: DepartmentFeed
    let catalog: RegionCatalog

    /// A rendered value: text, or a number / date for formats that type their cells.
    enum Value {
        case text(String)
        case number(String)
        case dateSerial(Int)
        case empty
    }

    func render(_ value: String, field: FieldSpec, row k: Int) -> Value {
        guard !value.isEmpty else { return .empty }
        switch field.type {
        case .idNumber:
            if k % 7 == 3, let id = try? IDNumber(value, today: CivilDate(year: 9999, month: 12, day: 31)!), let old = id.fifteenDigitForm {
                return .text(old)
            }
            if k % 11 == 5, value.hasSuffix("X") { return .text(String(value.dropLast()) + "x") }
            if k % 13 == 1 { return .text(" " + value + " ") }
            return .text(value)
        case .text:
            switch field.name {
            case "name" where k % 5 == 2, "address" where k % 4 == 0, "court" where k % 3 == 0:
                return .text(ChineseFolding.traditional(value))
            case "name" where k % 9 == 4 && value.count == 2 && value.unicodeScalars.allSatisfy({ $0.value >= 0x4E00 }):
                return .text(String(value.first!) + " " + String(value.last!))
            case "phone" where k % 6 == 1:
                return .text(String(String.UnicodeScalarView(value.unicodeScalars.map { s in
                    (0x30...0x39).contains(s.value) ? Unicode.Scalar(s.value + 0xFEE0)! : s
                })))
            default:
                return .text(k % 17 == 0 ? value + " " : value)
            }
        case .date:
            guard let date = CivilDate(value) else { return .text(value) }
            switch feed.dateStyle {
            case .chinese: return .text("\(date.year)年\(date.month)月\(date.day)日")
            case .compact: return .text(date.description.replacingOccurrences(of: "-", with: ""))
            case .slash: return .text("\(date.year)/\(date.month)/\(date.day)")
            case .dash: return .text("\(date.year)-\(date.month)-\(date.day)")
            case .excelDateCell: return .dateSerial(DepartmentRenderer.serial(date))
            case .excelSerial: return .number(String(DepartmentRenderer.serial(date)))
            }
        case .period:
            guard let period = Period(value) else { return .text(value) }
            switch feed.periodStyle {
            case .compact: return .text(period.description.replacingOccurrences(of: "-", with: ""))
            case .chinese: return .text("\(period.year)年\(period.month)月")
            case .iso: return .text(period.description)
            }
        case .money:
            guard let fen = Int64(value) else { return .text(value) }
            let plain = DepartmentRenderer.yuan(fen, grouped: false)
            if feed.format != .csv { return .number(plain) }
            return .text(k % 3 == 0 ? "¥" + DepartmentRenderer.yuan(fen, grouped: true) : plain)
        case .code:
            return .text(DepartmentRenderer.chineseLabel(record: feed.record, field: field.name, code: value) ?? value)
        case .bool:
            return .text(value == "true" ? "是" : "否")
        case .region:
            let names = catalog.ancestors(of: value).reversed().map(\.name)
            return .text(names.isEmpty ? value : names.joined())
        }
    }

    /// Excel's day serial of a date (days since 1899-12-30).
    static func serial(_ date: CivilDate) -> Int { date.daysSinceEpoch + 25_569 }

    /// Fen as yuan: `123450` → `1234.5` (or `1,234.50` grouped).
    static func yuan(_ fen: Int64, grouped: Bool) -> String {
        if grouped { return Money(fen: fen).description }
        let sign = fen < 0 ? "-" : ""
        let m = fen.magnitude
        let cents = m % 100
        if cents == 0 { return sign + String(m / 100) }
        if cents % 10 == 0 { return sign + String(m / 100) + "." + String(cents / 10) }
        return sign + String(m / 100) + "." + (cents < 10 ? "0" : "") + String(cents)
    }

    static func chineseLabel(record: RecordKind, field: String, code: String) -> String? {
        switch (record, field) {
        case (_, "sex"): Sex(rawValue: code)?.chinese
        case (_, "insurance"): Insurance(rawValue: code)?.chinese
        case (_, "benefit"): Benefit(rawValue: code)?.chinese
        case (.deathRecord, "source"): DeathSource(rawValue: code)?.chinese
        case (_, "visit"): VisitKind(rawValue: code)?.chinese
        case (.institution, "kind"): InstitutionKind(rawValue: code)?.chinese
        case (.custodyRecord, "kind"): CustodyKind(rawValue: code)?.chinese
        case (_, "method"): VerificationMethod(rawValue: code)?.chinese
        default: nil
        }
    }
}
