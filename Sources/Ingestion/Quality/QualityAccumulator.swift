import FundWatchCore

/// Tallies a file's outcomes as they stream by, in bounded memory, and makes its quality report.
public struct QualityAccumulator: Sendable {
    private let columns: [BoundMapping.MappedColumn]
    /// `columns`' field indices, read for every accepted row.
    private let columnFields: [Int]
    private let identity: (file: String, feed: String, version: Int, record: String, sha256: String, encoding: String?)
    private let maxRejectRate: Double
    private var rowsRead = 0
    private var accepted = 0
    /// Non-empty values per column in rejected rows (with `acceptedNonEmpty`: in all rows).
    private var rejectedNonEmpty: [Int]
    private var invalid: [Int]
    private var distinct: [DistinctCounter]
    private var acceptedNonEmpty: [Int]
    private var groups: [String: FileQualityReport.RejectGroup] = [:]
    private var groupOrder: [String] = []
    private var firstLineByRowHash = RowHashTable()
    /// In a chunk's partial tally: the accepted rows' hashes and lines, in order, for the file's
    /// tally to check for repeats when it merges the chunk (repeats span chunks).
    private var rowHashes: [(hash: UInt64, line: Int)]?
    private var duplicates = FileQualityReport.Duplicates(count: 0, examples: [], checkedRows: 0)
    private var rowConsistency: RowConsistency
    /// Region names against region codes (`name_column`), counted where the rows are mapped.
    var regionNames: FileQualityReport.ConsistencyCheck?
    /// Checks against other feeds, made where they are stored (Storage), added to the report.
    public var crossFeed: [FileQualityReport.ConsistencyCheck] = []
    /// The cleaning tally, passed to `ExportReader.next(counts:)`.
    public var cleaning = CleaningCounts()

    /// Rows whose hashes the duplicate check keeps (about 40 MB at most).
    static let duplicateCheckLimit = 2_000_000
    static let examplesPerGroup = 3

    public init(
        mapping: BoundMapping, feed: String, specVersion: Int, sha256: String, encoding: TextEncoding?, maxRejectRate: Double
    ) {
        columns = mapping.mappedColumns
        columnFields = columns.map(\.fieldIndex)
        identity = (mapping.file, feed, specVersion, mapping.kind.rawValue, sha256, encoding?.rawValue)
        self.maxRejectRate = maxRejectRate
        rejectedNonEmpty = Array(repeating: 0, count: columns.count)
        invalid = Array(repeating: 0, count: columns.count)
        acceptedNonEmpty = Array(repeating: 0, count: columns.count)
        distinct = Array(repeating: DistinctCounter(), count: columns.count)
        rowConsistency = RowConsistency(fieldNames: mapping.kind.recordType.fields.map(\.name), mapped: Set(columns.map(\.fieldIndex)))
        if !mapping.regionNameChecks.isEmpty { regionNames = RegionNameCheck.emptyReport() }
    }

    /// A partial tally of one chunk of rows, counted on the worker that mapped them and merged
    /// into the file's tally in file order (`merge(_:)`), so the hashing runs on every core.
    init(chunkOf mapping: BoundMapping) {
        self.init(mapping: mapping, feed: "", specVersion: 0, sha256: "", encoding: nil, maxRejectRate: 1)
        rowHashes = []
    }

    /// Adds a chunk's partial tally, the chunks taken in file order: the result is what adding
    /// the chunk's rows one by one gives.
    public mutating func merge(_ chunk: QualityAccumulator) {
        rowsRead += chunk.rowsRead
        accepted += chunk.accepted
        cleaning.merge(chunk.cleaning)
        for k in columns.indices {
            rejectedNonEmpty[k] += chunk.rejectedNonEmpty[k]
            invalid[k] += chunk.invalid[k]
            acceptedNonEmpty[k] += chunk.acceptedNonEmpty[k]
            distinct[k].merge(chunk.distinct[k])
        }
        for key in chunk.groupOrder {
            let group = chunk.groups[key]!
            guard var mine = groups[key] else {
                groups[key] = group
                groupOrder.append(key)
                continue
            }
            mine.count += group.count
            mine.examples += group.examples.prefix(Self.examplesPerGroup - mine.examples.count)
            groups[key] = mine
        }
        for (hash, line) in chunk.rowHashes ?? [] { checkDuplicate(hash: hash, line: line) }
        rowConsistency.merge(chunk.rowConsistency)
        if let other = chunk.regionNames {
            var mine = regionNames ?? RegionNameCheck.emptyReport()
            mine.checked += other.checked
            mine.mismatched += other.mismatched
            mine.exampleLines += other.exampleLines.prefix(Self.examplesPerGroup - mine.exampleLines.count)
            regionNames = mine
        }
    }

    /// Counts one row's outcome.
    public mutating func add(_ outcome: RowOutcome) {
        switch outcome {
        case .accepted(let line, let values):
            var hashes = [UInt64]()
            hashes.reserveCapacity(values.count)
            for value in values { hashes.append(ValueHash.hash(value)) }
            hashes.withUnsafeBufferPointer { addAccepted(line: line, values: values, hashes: $0) }
        case .rejected(let reject):
            addRejected(reject)
        }
    }

    /// Counts an accepted row whose values' `ValueHash`es are known (the chunk loop has them
    /// from the bytes it cleaned, and keeps them for values repeated later in the chunk).
    /// Fields marked in `counted` (bit i: field i) hold a value this tally has counted in the
    /// distinct count already: adding a hash again changes nothing there, so it is not added.
    mutating func addAccepted(line: Int, values: [String], hashes: UnsafeBufferPointer<UInt64>, counted: UInt64 = 0) {
        rowsRead += 1
        accepted += 1
        // One hash per value: it feeds the column's distinct count and, chained in field
        // order, the row's hash for the duplicate check. `columns` are in field order, so `k`
        // walks them beside `i`.
        var rowHash: UInt64 = 0xcbf2_9ce4_8422_2325
        var k = 0
        // In place: an array's every write would check its storage is not shared.
        acceptedNonEmpty.withUnsafeMutableBufferPointer { acceptedNonEmpty in
            for i in values.indices {
                let hash = hashes[i]
                rowHash = ValueHash.combine(rowHash, hash)
                guard k < columnFields.count, columnFields[k] == i else { continue }
                if !values[i].isEmpty {
                    acceptedNonEmpty[k] += 1
                    if i >= 64 || counted & (1 << UInt64(i)) == 0 { distinct[k].add(hash: hash) }
                }
                k += 1
            }
        }
        checkDuplicate(rowHash: rowHash, line: line)
        if rowConsistency.applies { rowConsistency.add(values, line: line) }
    }

    /// Counts a rejected row.
    mutating func addRejected(_ reject: Reject) {
        rowsRead += 1
        for (k, column) in columns.enumerated() {
            if let c = column.columnIndex {
                if c < reject.raw.count, !reject.raw[c].allSatisfy({ $0.isWhitespace }) { rejectedNonEmpty[k] += 1 }
            } else {
                rejectedNonEmpty[k] += 1
            }
            if reject.field == column.field.name { invalid[k] += 1 }
        }
        let key = reject.code + "\u{1F}" + (reject.field ?? "")
        if groups[key] == nil {
            groups[key] = .init(code: reject.code, field: reject.field, column: reject.column, count: 0, reason: reject.reason, examples: [])
            groupOrder.append(key)
        }
        groups[key]!.count += 1
        if groups[key]!.examples.count < Self.examplesPerGroup {
            groups[key]!.examples.append(.init(line: reject.line, value: reject.value))
        }
    }

    /// Makes room in the duplicate check for about `rows` rows (an estimate from the file's
    /// size), so its table is not grown and rehashed again and again as the rows come.
    mutating func reserveDuplicateCheck(rows: Int) {
        firstLineByRowHash.reserve(min(rows, Self.duplicateCheckLimit))
    }

    private mutating func checkDuplicate(rowHash hash: UInt64, line: Int) {
        if rowHashes != nil {
            rowHashes!.append((hash, line))
        } else {
            checkDuplicate(hash: hash, line: line)
        }
    }

    private mutating func checkDuplicate(hash: UInt64, line: Int) {
        guard duplicates.checkedRows < Self.duplicateCheckLimit else { return }
        duplicates.checkedRows += 1
        if let first = firstLineByRowHash.firstLine(of: hash, orInsert: line) {
            duplicates.count += 1
            if duplicates.examples.count < Self.examplesPerGroup { duplicates.examples.append(.init(line: line, sameAsLine: first)) }
        }
    }

    /// Rows accepted so far.
    var acceptedRows: Int { accepted }

    /// Rows rejected so far.
    public var rejected: Int { rowsRead - accepted }

    /// The report of what was counted.
    public var report: FileQualityReport {
        let rejected = rowsRead - accepted
        let rate = rowsRead == 0 ? 0 : Double(rejected) / Double(rowsRead)
        func share(_ a: Int, _ b: Int) -> Double { b == 0 ? 1 : (Double(a) / Double(b) * 10_000).rounded() / 10_000 }
        let columnReports = columns.enumerated().map { k, column in
            let d = min(distinct[k].estimate, acceptedNonEmpty[k])
            let nonEmpty = rejectedNonEmpty[k] + acceptedNonEmpty[k]
            return FileQualityReport.ColumnQuality(
                field: column.field.name, column: column.header, nonEmpty: nonEmpty, invalid: invalid[k], distinct: d,
                completeness: share(nonEmpty, rowsRead), validity: share(nonEmpty - invalid[k], nonEmpty),
                uniqueness: share(d, acceptedNonEmpty[k]))
        }
        var cleaningCounts = [String: Int]()
        for (step, count) in cleaning.nonZero { cleaningCounts[step.rawValue] = count }
        return FileQualityReport(
            file: identity.file, feed: identity.feed, specVersion: identity.version, record: identity.record,
            sha256: identity.sha256, encoding: identity.encoding, rowsRead: rowsRead, accepted: accepted, rejected: rejected,
            rejectRate: (rate * 10_000).rounded() / 10_000, maxRejectRate: maxRejectRate, refused: rate > maxRejectRate,
            cleaning: cleaningCounts, columns: columnReports,
            rejectsByReason: groupOrder.map { groups[$0]! }.sorted { $0.count > $1.count }, duplicates: duplicates,
            consistency: rowConsistency.checks + (regionNames.map { [$0] } ?? []) + crossFeed)
    }
}
