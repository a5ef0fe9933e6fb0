import GRDB

/// v1: import batches and files, rejected rows, the personal-data access log, and one table per canonical record type.
///
/// Frozen once shipped: later changes go in new migrations. Table and column names are spelled
/// out here (not derived from the record types) so that a change to the types cannot silently
/// change what this migration did.
enum Migration001 {
    static let identifier = "v1_canonical_records"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE import_batch (
                id INTEGER PRIMARY KEY,
                source TEXT NOT NULL,
                imported_at TEXT NOT NULL,
                row_count INTEGER NOT NULL,
                rejected_count INTEGER NOT NULL
            )
            """)
        try db.execute(sql: """
            CREATE TABLE import_file (
                id INTEGER PRIMARY KEY,
                batch_id INTEGER NOT NULL REFERENCES import_batch(id),
                record_kind TEXT NOT NULL,
                file_name TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                row_count INTEGER NOT NULL,
                rejected_count INTEGER NOT NULL,
                UNIQUE (record_kind, sha256)
            )
            """)
        try db.execute(sql: """
            CREATE TABLE access_log (
                id INTEGER PRIMARY KEY,
                at TEXT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                subject TEXT NOT NULL,
                revealed INTEGER NOT NULL
            )
            """)
        try db.execute(sql: """
            CREATE TABLE rejected_row (
                id INTEGER PRIMARY KEY,
                batch_id INTEGER NOT NULL REFERENCES import_batch(id),
                file_id INTEGER NOT NULL REFERENCES import_file(id),
                line INTEGER NOT NULL,
                field TEXT,
                reason TEXT NOT NULL,
                raw TEXT NOT NULL
            )
            """)
        try db.execute(sql: """
            CREATE TABLE person (
                id INTEGER PRIMARY KEY,
                batch_id INTEGER NOT NULL,
                file_id INTEGER NOT NULL,
                line INTEGER NOT NULL,
                id_number TEXT NOT NULL,
                name TEXT NOT NULL,
                sex TEXT,
                birth_date TEXT,
                region_code TEXT,
                address TEXT,
                phone TEXT
            )
            """)
        try db.execute(sql: "CREATE INDEX person_by_person ON person(id_number)")
        try db.execute(sql: """
            CREATE TABLE enrollment (
                id INTEGER PRIMARY KEY,
                batch_id INTEGER NOT NULL,
                file_id INTEGER NOT NULL,
                line INTEGER NOT NULL,
                id_number TEXT NOT NULL,
                insurance TEXT NOT NULL,
                region_code TEXT NOT NULL,
                start_date TEXT NOT NULL,
                employer_id TEXT,
                end_date TEXT
            )
            """)
        try db.execute(sql: "CREATE INDEX enrollment_by_person ON enrollment(id_number)")
        try db.execute(sql: """
            CREATE TABLE contribution (
                id INTEGER PRIMARY KEY,
                batch_id INTEGER NOT NULL,
                file_id INTEGER NOT NULL,
                line INTEGER NOT NULL,
                id_number TEXT NOT NULL,
                insurance TEXT NOT NULL,
                period TEXT NOT NULL,
                amount INTEGER NOT NULL,
                base INTEGER,
                employer_id TEXT,
                paid_date TEXT,
                back_payment INTEGER
            )
            """)
        try db.execute(sql: "CREATE INDEX contribution_by_person ON contribution(id_number)")
        try db.execute(sql: """
            CREATE TABLE benefit_payment (
                id INTEGER PRIMARY KEY,
                batch_id INTEGER NOT NULL,
                file_id INTEGER NOT NULL,
                line INTEGER NOT NULL,
                payment_id TEXT NOT NULL,
                id_number TEXT NOT NULL,
                benefit TEXT NOT NULL,
                period TEXT NOT NULL,
                amount INTEGER NOT NULL,
                pay_date TEXT,
                bank_account TEXT,
                region_code TEXT,
                operator_id TEXT
            )
            """)
        try db.execute(sql: "CREATE INDEX benefit_payment_by_person ON benefit_payment(id_number)")
        try db.execute(sql: """
            CREATE TABLE medical_settlement (
                id INTEGER PRIMARY KEY,
                batch_id INTEGER NOT NULL,
                file_id INTEGER NOT NULL,
                line INTEGER NOT NULL,
                settlement_id TEXT NOT NULL,
                id_number TEXT NOT NULL,
                institution_id TEXT NOT NULL,
                visit TEXT NOT NULL,
                admission_date TEXT NOT NULL,
                total_amount INTEGER NOT NULL,
                fund_amount INTEGER NOT NULL,
                discharge_date TEXT,
                diagnosis TEXT,
                region_code TEXT,
                off_site INTEGER
            )
            """)
        try db.execute(sql: "CREATE INDEX medical_settlement_by_person ON medical_settlement(id_number)")
        try db.execute(sql: """
            CREATE TABLE injury_claim (
                id INTEGER PRIMARY KEY,
                batch_id INTEGER NOT NULL,
                file_id INTEGER NOT NULL,
                line INTEGER NOT NULL,
                claim_id TEXT NOT NULL,
                id_number TEXT NOT NULL,
                employer_id TEXT NOT NULL,
                injury_date TEXT NOT NULL,
                claim_date TEXT NOT NULL,
                amount INTEGER,
                region_code TEXT
            )
            """)
        try db.execute(sql: "CREATE INDEX injury_claim_by_person ON injury_claim(id_number)")
        try db.execute(sql: """
            CREATE TABLE death_record (
                id INTEGER PRIMARY KEY,
                batch_id INTEGER NOT NULL,
                file_id INTEGER NOT NULL,
                line INTEGER NOT NULL,
                id_number TEXT NOT NULL,
                death_date TEXT NOT NULL,
                source TEXT NOT NULL,
                name TEXT,
                recorded_date TEXT
            )
            """)
        try db.execute(sql: "CREATE INDEX death_record_by_person ON death_record(id_number)")
        try db.execute(sql: """
            CREATE TABLE custody_record (
                id INTEGER PRIMARY KEY,
                batch_id INTEGER NOT NULL,
                file_id INTEGER NOT NULL,
                line INTEGER NOT NULL,
                id_number TEXT NOT NULL,
                start_date TEXT NOT NULL,
                kind TEXT NOT NULL,
                end_date TEXT,
                court TEXT
            )
            """)
        try db.execute(sql: "CREATE INDEX custody_record_by_person ON custody_record(id_number)")
        try db.execute(sql: """
            CREATE TABLE employment_record (
                id INTEGER PRIMARY KEY,
                batch_id INTEGER NOT NULL,
                file_id INTEGER NOT NULL,
                line INTEGER NOT NULL,
                id_number TEXT NOT NULL,
                employer_id TEXT NOT NULL,
                period TEXT NOT NULL,
                income INTEGER
            )
            """)
        try db.execute(sql: "CREATE INDEX employment_record_by_person ON employment_record(id_number)")
        try db.execute(sql: """
            CREATE TABLE bank_account (
                id INTEGER PRIMARY KEY,
                batch_id INTEGER NOT NULL,
                file_id INTEGER NOT NULL,
                line INTEGER NOT NULL,
                account TEXT NOT NULL,
                holder_id_number TEXT NOT NULL,
                bank TEXT,
                opened_date TEXT
            )
            """)
        try db.execute(sql: "CREATE INDEX bank_account_by_person ON bank_account(holder_id_number)")
        try db.execute(sql: """
            CREATE TABLE institution (
                id INTEGER PRIMARY KEY,
                batch_id INTEGER NOT NULL,
                file_id INTEGER NOT NULL,
                line INTEGER NOT NULL,
                institution_id TEXT NOT NULL,
                name TEXT NOT NULL,
                kind TEXT NOT NULL,
                region_code TEXT
            )
            """)
        try db.execute(sql: """
            CREATE TABLE staff (
                id INTEGER PRIMARY KEY,
                batch_id INTEGER NOT NULL,
                file_id INTEGER NOT NULL,
                line INTEGER NOT NULL,
                staff_id TEXT NOT NULL,
                name TEXT NOT NULL,
                region_code TEXT NOT NULL,
                role TEXT,
                hired_date TEXT,
                education TEXT,
                specialty TEXT
            )
            """)
        try db.execute(sql: """
            CREATE TABLE qualification_check (
                id INTEGER PRIMARY KEY,
                batch_id INTEGER NOT NULL,
                file_id INTEGER NOT NULL,
                line INTEGER NOT NULL,
                id_number TEXT NOT NULL,
                check_date TEXT NOT NULL,
                method TEXT NOT NULL
            )
            """)
        try db.execute(sql: "CREATE INDEX qualification_check_by_person ON qualification_check(id_number)")
    }
}
