import Testing

@testable import Linkage

@Suite struct BlockingTests {
    /// Three inputs with a shared block key (few values, so blocks mix inputs): the pairs equal
    /// a brute-force enumeration of every cross-input pair that agrees on some rule, each once.
    @Test(arguments: [BlockingRule.Key.column("k"), .pinyin("k"), .prefix("k", 1)])
    func linkModeMakesExactlyTheCrossInputPairs(key: BlockingRule.Key) throws {
        var random = SplitMix64(seed: 3)
        let names = ["张", "章", "王", "李", "", "Zhang"]
        func table(_ name: String, _ n: Int) throws -> Table {
            let rows = (0..<n).map { i in
                ["\(name)\(i)", names[Int(random.next() % UInt64(names.count))], String(random.next() % 3)]
            }
            return try Table(name: name, columnNames: ["id", "k", "j"], idColumn: "id", rows: rows)
        }
        let tables = [try table("a", 40), try table("b", 55), try table("c", 30)]
        let store = RecordStore(tables: tables)
        let rules = [BlockingRule(keys: [key]), BlockingRule(columns: ["j"])]
        let made = try Blocker(linkAcrossInputsOnly: true, maxPairs: 1_000_000).pairs(rules: rules, store: store)

        var expected = Set<[Int32]>()
        for a in 0..<store.count {
            for b in (a + 1)..<store.count where store.source[a] != store.source[b] {
                func value(_ r: Int, _ k: BlockingRule.Key) -> String {
                    let t = store.tables[Int(store.source[r])]
                    return k.derive(t.columns[t.columnIndex(k.column)!][Int(store.row[r])].trimmingSpaces())
                }
                let agrees = rules.contains { rule in
                    rule.keys.allSatisfy { k in !value(a, k).isEmpty && value(a, k) == value(b, k) }
                }
                if agrees { expected.insert([Int32(a), Int32(b)]) }
            }
        }
        let got = zip(made.left, made.right).map { [$0, $1] }
        #expect(got.count == Set(got).count, "a pair made twice")
        #expect(Set(got) == expected)
        #expect(made.addedByRule.reduce(0, +) == expected.count)
    }
}
