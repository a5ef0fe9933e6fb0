extension BoundMapping {
    /// Scans a chunk of CSV records and maps, cleans, validates and tallies each, in order: what
    /// mapping the `SourceRow`s of `CSVStreamReader` gives, without a `String` per field. A value
    /// is cleaned and hashed on its bytes; only values the fast path leaves (and rows to reject)
    /// get strings. The outcomes are returned when `keepingOutcomes` (a dry run wants the tally
    /// alone: then one array of values serves every row).
    func map(chunk: CSVChunk, delimiter: UInt8, encoding: TextEncoding, keepingOutcomes: Bool, into quality: inout QualityAccumulator)
        -> [RowOutcome]
    {
        var scanner = CSVScanner(delimiter: delimiter)
        let bytes = chunk.utf8()
        // One pass over the chunk (mostly ASCII words) instead of a check per non-ASCII field.
        scanner.bufferIsValidUTF8 = bytes.withUnsafeBufferPointer { CSVScanner.isValidUTF8($0) }
        var outcomes = [RowOutcome]()
        if keepingOutcomes { outcomes.reserveCapacity(bytes.count / 48) }
        var line = chunk.line
        var counts = CleaningCounts()
        var regionNames = quality.regionNames
        // A chunk past 2 GiB (never cut so by the reader) would not fit the memo's keys: no memo.
        let memoSlots = bytes.count < 1 << 31 ? columnOfField.count << Self.memoBits : 0
        // Scratch of the row loop, written without the uniqueness check of an array's every write.
        let memoKeys = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: memoSlots)
        memoKeys.initialize(repeating: Self.emptyMemoKey)
        let memo = UnsafeMutableBufferPointer<MemoEntry>.allocate(capacity: memoSlots)
        memo.initialize(repeating: MemoEntry())
        let hashes = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: columnOfField.count)
        hashes.initialize(repeating: 0)
        let used = UnsafeMutableBufferPointer<Int>.allocate(capacity: columnOfField.count)
        used.initialize(repeating: -1)
        defer {
            memoKeys.deallocate()
            _ = memo.deinitialize()
            memo.deallocate()
            hashes.deallocate()
            used.deallocate()
        }
        var checkedIDs = [String](repeating: "", count: columnOfField.count)
        var values = [String](repeating: "", count: columnOfField.count)
        bytes.withUnsafeBufferPointer { b in
            var at = 0
            while true {
                // Every chunk is scanned as if it ended the file: it ends at a record's line end
                // (or is the file's last), so no record reaches past it.
                switch scanner.scan(b, from: at, atEnd: true) {
                case .record(let next, let skipped, let lines, let problem):
                    let rowLine = line + skipped
                    line += skipped + lines
                    at = next
                    // Kept outcomes own their values: a fresh array for each; a dry run's array
                    // is free again once tallied, and filled in place for the next row.
                    if keepingOutcomes { values = [String](repeating: "", count: columnOfField.count) }
                    var knownValid: UInt64 = 0
                    let settled = values.withUnsafeMutableBufferPointer {
                        cleanRecord(
                            scanner, in: b, line: rowLine, problem: problem, encoding: encoding, counts: &counts, memoKeys: memoKeys,
                            memo: memo, used: used, checkedIDs: &checkedIDs, values: $0, hashes: hashes, knownValid: &knownValid)
                    }
                    let outcome: RowOutcome
                    if let settled {
                        outcome = settled
                    } else {
                        let scanned = scanner
                        outcome = validated(values, line: rowLine, checkedIDs: &checkedIDs, knownValid: knownValid) {
                            SourceRow(line: rowLine, fields: scanned.strings(in: b), problem: nil)
                        }
                        if case .accepted = outcome {
                            // Each value of an accepted row passed its field's check.
                            for i in 0..<columnOfField.count where used[i] >= 0 { memoKeys[used[i]] |= 1 << 32 }
                        }
                    }
                    switch outcome {
                    case .accepted(let line, let accepted):
                        // A value known valid came from an accepted row of this chunk, so this
                        // tally has its hash in the distinct count already.
                        quality.addAccepted(line: line, values: accepted, hashes: UnsafeBufferPointer(hashes), counted: knownValid)
                        if !regionNameChecks.isEmpty {
                            let scanned = scanner
                            checkRegionNames(
                                values: accepted, line: line,
                                name: { c in scanned.withField(c, in: b) { String(decoding: $0, as: UTF8.self) } }, into: &regionNames)
                        }
                    case .rejected(let reject):
                        quality.addRejected(reject)
                    }
                    if keepingOutcomes { outcomes.append(outcome) }
                case .end, .needMore:
                    return
                }
            }
        }
        quality.cleaning.merge(counts)
        quality.regionNames = regionNames
        return outcomes
    }

    /// Values of one field cleaned in this chunk, 2^`memoBits` per field, each in the slot its
    /// bytes pick: the same bytes again (a person's ID over their rows, a month, a date, an
    /// amount in yuan, an insurance's Chinese label, an employer) give the same value, cleaning
    /// steps and hash without decoding, cleaning or hashing them again (cleaning is a pure
    /// function of the bytes), and a value that passed its field check passes it again.
    static let memoBits = 8

    /// A memo slot's key, in an array of its own (small enough to stay in the core's nearest
    /// cache while the values sit apart): where the value's bytes start in the chunk (bits
    /// 33…), whether the value passed its field check in a row accepted before (bit 32), and
    /// its byte count (bits 0…31).
    static let emptyMemoKey = UInt64.max

    @inline(__always)
    static func memoKey(start: Int, count: Int, checked: Bool) -> UInt64 {
        UInt64(truncatingIfNeeded: start) << 33 | (checked ? 1 << 32 : 0) | UInt64(truncatingIfNeeded: count)
    }

    /// What a memo slot remembers of its value: the cleaned text, the cleaning steps it counted
    /// (`CleaningCounts.packed`) and its hash.
    struct MemoEntry {
        var value = ""
        var steps: UInt32 = 0
        var hash: UInt64 = 0
    }

    /// The memo slot of a value's bytes: their length and first and last eight bytes, mixed.
    @inline(__always)
    static func memoSlot(_ u: UnsafeBufferPointer<UInt8>) -> Int {
        let n = u.count
        var key = UInt64(truncatingIfNeeded: n) &* 0x9E37_79B9_7F4A_7C15
        if n >= 8, let base = u.baseAddress {
            let raw = UnsafeRawPointer(base)
            key ^= raw.loadUnaligned(as: UInt64.self)
            key = (key ^ raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
        } else {
            for byte in u { key = (key ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        }
        key = (key ^ (key >> 29)) &* 0x94D0_49BB_1331_11EB
        return Int(truncatingIfNeeded: key >> UInt64(64 - memoBits))
    }

    /// Cleans one scanned record's values into `values`, and for each its `ValueHash` into
    /// `hashes`; nil then, with `knownValid` marking (bit i: field i) the values that passed
    /// their field check before. A row settled otherwise (malformed, a value that cannot be
    /// cleaned) returns its outcome. `used` records, per field, the memo slot its value came from
    /// or went to (-1: none).
    private func cleanRecord(
        _ scanner: CSVScanner, in b: UnsafeBufferPointer<UInt8>, line: Int, problem: CSVScanner.Problem?, encoding: TextEncoding,
        counts: inout CleaningCounts, memoKeys: UnsafeMutableBufferPointer<UInt64>, memo: UnsafeMutableBufferPointer<MemoEntry>,
        used: UnsafeMutableBufferPointer<Int>, checkedIDs: inout [String], values: UnsafeMutableBufferPointer<String>,
        hashes: UnsafeMutableBufferPointer<UInt64>, knownValid: inout UInt64
    ) -> RowOutcome? {
        func sourceRow() -> SourceRow {
            SourceRow(line: line, fields: scanner.strings(in: b), problem: problem?.message(encoding: encoding.rawValue))
        }
        guard problem == nil, scanner.fields.count == header.count else { return map(sourceRow(), counts: &counts, checkedIDs: &checkedIDs) }
        for i in 0..<columnOfField.count {
            used[i] = -1
            let c = columnOfField[i]
            guard c >= 0 else {
                values[i] = constantValue(i)
                hashes[i] = constantHashes[i]
                continue
            }
            let field = scanner.fields[c]
            var slot = -1
            if !field.unescaped, !memoKeys.isEmpty {
                let u = UnsafeBufferPointer(rebasing: b[field.start..<field.end])
                slot = (i << Self.memoBits) | Self.memoSlot(u)
                let key = memoKeys[slot]
                let count = Int(truncatingIfNeeded: key & 0xFFFF_FFFF)
                let start = Int(truncatingIfNeeded: key >> 33)
                if key != Self.emptyMemoKey, count == u.count, FieldCleaner.same(u, UnsafeBufferPointer(rebasing: b[start..<start + count])) {
                    if memo[slot].steps != 0 { counts.add(packed: memo[slot].steps) }
                    values[i] = memo[slot].value
                    hashes[i] = memo[slot].hash
                    used[i] = slot
                    if key & 1 << 32 != 0, i < 64 { knownValid |= 1 << UInt64(i) }
                    continue
                }
            }
            let result = unretainedCleaners[i].unsafelyUnwrapped._withUnsafeGuaranteedRef { cleaner in
                scanner.withField(c, in: b) { u -> Result<(String, UInt64), FieldCleaner.Problem> in
                    guard let (fast, step) = cleaner.cleanFastStep(u) else {
                        // The general path is a pure function of the bytes too: its value and the
                        // steps it counted are remembered alike (a 15-digit ID over a person's rows).
                        var steps = CleaningCounts()
                        let result = cleaner.cleanGeneral(String(decoding: u, as: UTF8.self), counts: &steps)
                        counts.merge(steps)
                        guard case .success(let value) = result else { return result.map { ($0, 0) } }
                        let hash = ValueHash.hash(value)
                        if slot >= 0 {
                            memoKeys[slot] = Self.memoKey(start: field.start, count: field.end - field.start, checked: false)
                            memo[slot] = MemoEntry(value: value, steps: steps.packed, hash: hash)
                            used[i] = slot
                        }
                        return .success((value, hash))
                    }
                    if let step { counts.add(step) }
                    let value: String
                    let hash: UInt64
                    switch fast {
                    case .same:
                        // The value is these bytes (the chunk is valid UTF-8): hashed as they are.
                        value = String(decoding: u, as: UTF8.self)
                        hash = ValueHash.hash(u)
                    case .value(let text):
                        value = text
                        hash = ValueHash.hash(text)
                    }
                    if slot >= 0 {
                        memoKeys[slot] = Self.memoKey(start: field.start, count: field.end - field.start, checked: false)
                        memo[slot] = MemoEntry(value: value, steps: step?.packedOne ?? 0, hash: hash)
                        used[i] = slot
                    }
                    return .success((value, hash))
                }
            }
            switch result {
            case .success(let (value, hash)):
                values[i] = value
                hashes[i] = hash
            case .failure(let problem): return cleaningReject(sourceRow(), field: i, problem: problem)
            }
        }
        return nil
    }
}
