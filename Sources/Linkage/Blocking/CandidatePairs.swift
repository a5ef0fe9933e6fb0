/// The candidate pairs of a run: the union of every blocking rule's pairs, each pair once,
/// attributed to the first rule that made it.
struct CandidatePairs: Sendable {
    /// The first record of each pair (the smaller index).
    var left: [Int32] = []
    /// The second record of each pair.
    var right: [Int32] = []
    /// The index of the rule that made each pair.
    var rule: [UInt8] = []
    /// How many pairs each rule added (after removing those an earlier rule made).
    var addedByRule: [Int] = []
    /// How many pairs each rule makes on its own (before removing duplicates).
    var madeByRule: [Int] = []
    /// Each rule's block of every record (-1 when a key is null), for "does rule r agree on this pair".
    var blocks: [[Int32]] = []

    var count: Int { left.count }

    /// Whether rule `r` puts records `a` and `b` in one block.
    @inline(__always)
    func agree(rule r: Int, _ a: Int, _ b: Int) -> Bool {
        let g = blocks[r][a]
        return g >= 0 && g == blocks[r][b]
    }
}

/// Generates candidate pairs from blocking rules.
struct Blocker {
    /// Link mode pairs only records of different inputs; dedupe pairs records of one input.
    let linkAcrossInputsOnly: Bool
    /// The most pairs a run may make before it stops and asks for tighter blocking.
    let maxPairs: Int

    /// Groups records into blocks for a rule: equal key values, no null key. `columns` holds the
    /// encoded columns already made (by the comparisons or by earlier rules), keyed by the key's
    /// description, so a column shared by several rules is read and interned once.
    static func blocks(
        for rule: BlockingRule, store: RecordStore, columns: inout [String: EncodedColumn]
    ) throws(LinkageError) -> [Int32] {
        var groups = [Int32](repeating: 0, count: store.count)
        var first = true
        for key in rule.keys {
            let column: EncodedColumn
            if let known = columns[key.description] {
                column = known
            } else if case .column = key {
                column = EncodedColumn(try store.values(of: key.column, usedBy: "blocking rule \(rule)"))
                columns[key.description] = column
            } else {
                // Derive from the plain column's distinct values: a name's pinyin is worked out
                // once per distinct name, not once per record.
                let plain: EncodedColumn
                if let known = columns[key.column] {
                    plain = known
                } else {
                    plain = EncodedColumn(try store.values(of: key.column, usedBy: "blocking rule \(rule)"))
                    columns[key.column] = plain
                }
                column = plain.deriving(key.derive)
                columns[key.description] = column
            }
            if first {
                groups = column.codes
                first = false
                continue
            }
            var index = [UInt64: Int32]()
            for r in 0..<store.count {
                let g = groups[r]
                let c = column.codes[r]
                if g < 0 || c < 0 {
                    groups[r] = -1
                    continue
                }
                let packed = UInt64(UInt32(g)) << 32 | UInt64(UInt32(c))
                if let existing = index[packed] {
                    groups[r] = existing
                } else {
                    let new = Int32(index.count)
                    index[packed] = new
                    groups[r] = new
                }
            }
        }
        return groups
    }

    /// The union of the rules' pairs. `progress` hears each rule's counts.
    func pairs(
        rules: [BlockingRule], store: RecordStore, columns: [String: EncodedColumn] = [:],
        progress: (String) -> Void = { _ in }
    ) throws(LinkageError) -> CandidatePairs {
        var out = CandidatePairs()
        var columns = columns
        for rule in rules { out.blocks.append(try Blocker.blocks(for: rule, store: store, columns: &columns)) }
        for (r, rule) in rules.enumerated() {
            let groups = out.blocks[r]
            // Members of each block, in record order (a counting sort by block).
            var size = [Int32](repeating: 0, count: Int((groups.max() ?? -1) + 1))
            for g in groups where g >= 0 { size[Int(g)] += 1 }
            var made = 0
            for s in size where s > 1 {
                made += Int(s) * Int(s - 1) / 2
            }
            if !linkAcrossInputsOnly && made > maxPairs {
                throw LinkageError(
                    .tooManyPairs,
                    "blocking rule \(rule) makes \(made) pairs, more than the limit of \(maxPairs); block on more columns (e.g. add a date or a region to the rule) or raise max_pairs"
                )
            }
            var start = [Int](repeating: 0, count: size.count + 1)
            for g in size.indices { start[g + 1] = start[g] + Int(size[g]) }
            var fill = start
            var members = [Int32](repeating: 0, count: start.last ?? 0)
            for (rec, g) in groups.enumerated() where g >= 0 {
                members[fill[Int(g)]] = Int32(rec)
                fill[Int(g)] += 1
            }
            var added = 0
            var madeExact = 0
            for g in size.indices where size[g] > 1 {
                let block = members[start[g]..<start[g + 1]]
                // Members are in record order, so the inputs follow one another: in link mode each
                // record meets only the members of later inputs, and a block of a million
                // registry rows and three records costs three passes, not half a trillion skips.
                var laterInput = block.startIndex
                for x in block.indices {
                    let a = Int(block[x])
                    var from = x + 1
                    if linkAcrossInputsOnly {
                        if laterInput <= x {
                            laterInput = x + 1
                            while laterInput < block.endIndex && store.source[Int(block[laterInput])] == store.source[a] {
                                laterInput += 1
                            }
                        }
                        from = laterInput
                    }
                    for y in from..<block.endIndex {
                        let b = Int(block[y])
                        madeExact += 1
                        var earlier = false
                        for e in 0..<r where out.agree(rule: e, a, b) {
                            earlier = true
                            break
                        }
                        if earlier { continue }
                        out.left.append(Int32(a))
                        out.right.append(Int32(b))
                        out.rule.append(UInt8(r))
                        added += 1
                    }
                }
                if out.left.count > maxPairs {
                    throw LinkageError(
                        .tooManyPairs,
                        "blocking rules make more than \(maxPairs) pairs (rule \(rule) reached it); block on more columns (e.g. add a date or a region) or raise max_pairs"
                    )
                }
            }
            out.madeByRule.append(madeExact)
            out.addedByRule.append(added)
            progress("blocking rule \(rule): \(madeExact) pairs, \(added) new")
        }
        return out
    }
}
