import FundWatchCore
import GRDB
import Ingestion

/// Consistency checks of a newly written file against the other feeds already stored, run in
/// the import's transaction (so a file sees the files before it in the same batch): a record
/// that names its person (a death record) against the person records of the same ID number.
enum CrossFeedCheck {
    static let examples = 3

    static func run(db: Database, kind: RecordKind, fileID: Int64) throws -> [FileQualityReport.ConsistencyCheck] {
        let names = Set(kind.recordType.fields.map(\.name))
        guard kind != .person, names.contains("name"), names.contains("id_number") else { return [] }
        // The table is the record kind's own name, never user input.
        let known = "r.file_id = ? AND r.name IS NOT NULL AND EXISTS (SELECT 1 FROM person p WHERE p.id_number = r.id_number)"
        let differs = "NOT EXISTS (SELECT 1 FROM person p WHERE p.id_number = r.id_number AND p.name = r.name)"
        let checked = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(kind.rawValue) r WHERE \(known)", arguments: [fileID]) ?? 0
        let mismatched = try Int.fetchOne(
            db, sql: "SELECT count(*) FROM \(kind.rawValue) r WHERE \(known) AND \(differs)", arguments: [fileID]) ?? 0
        let lines = try Int.fetchAll(
            db, sql: "SELECT r.line FROM \(kind.rawValue) r WHERE \(known) AND \(differs) ORDER BY r.line LIMIT ?",
            arguments: [fileID, examples])
        return [.init(check: "name_vs_person", label: "姓名与人员基本信息不一致", checked: checked, mismatched: mismatched, exampleLines: lines)]
    }
}
