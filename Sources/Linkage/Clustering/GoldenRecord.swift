/// The best-known values of one entity, each field with the record it came from.
public struct GoldenRecord: Sendable, Hashable {
    /// One field of the golden record.
    public struct Field: Sendable, Hashable {
        public let column: String
        public let value: String
        /// The input and id of the record the value was taken from.
        public let source: String
        public let recordID: String
        /// How many of the entity's records hold this value.
        public let support: Int
    }

    public let clusterID: Int
    public let fields: [Field]

    static func build(store: RecordStore, clusterOf: [Int32], clusterCount: Int) -> [GoldenRecord] {
        var membersOf = [[Int]](repeating: [], count: clusterCount)
        for r in 0..<store.count { membersOf[Int(clusterOf[r])].append(r) }
        var columns = [String]()
        for table in store.tables {
            for c in table.columnNames where !columns.contains(c) { columns.append(c) }
        }
        let columnIndex = store.tables.map { table in columns.map { table.columnIndex($0) } }
        return membersOf.enumerated().map { cluster, members in
            var fields = [Field]()
            for (c, column) in columns.enumerated() {
                var votes = [String: (count: Int, first: Int)]()
                for r in members {
                    let t = Int(store.source[r])
                    guard let ci = columnIndex[t][c] else { continue }
                    let v = store.tables[t].columns[ci][Int(store.row[r])].trimmingSpaces()
                    if v.isEmpty { continue }
                    if let existing = votes[v] {
                        votes[v] = (existing.count + 1, existing.first)
                    } else {
                        votes[v] = (1, r)
                    }
                }
                guard
                    let best = votes.max(by: {
                        $0.value.count != $1.value.count
                            ? $0.value.count < $1.value.count : $0.value.first > $1.value.first
                    })
                else { continue }
                fields.append(
                    Field(
                        column: column, value: best.key, source: store.sourceName(best.value.first),
                        recordID: store.id(best.value.first), support: best.value.count))
            }
            return GoldenRecord(clusterID: cluster, fields: fields)
        }
    }
}
