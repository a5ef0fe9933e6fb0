extension BoundMapping {
    /// Scans a chunk of CSV records and maps, cleans and validates each, in order: what mapping
    /// the `SourceRow`s of `CSVStreamReader` gives, without a `String` per field. A value is
    /// cleaned on its bytes; only values the fast path leaves (and rows to reject) get strings.
    /// `regionNames` counts the `name_column` checks of the accepted rows.
    func map(
        chunk: CSVChunk, delimiter: UInt8, encoding: TextEncoding, counts: inout CleaningCounts,
        regionNames: inout FileQualityReport.ConsistencyCheck?
    ) -> [RowOutcome] {
        var scanner = CSVScanner(delimiter: delimiter)
        // One pass over the chunk (mostly ASCII words) instead of a check per non-ASCII field.
        scanner.bufferIsValidUTF8 = chunk.bytes.withUnsafeBufferPointer { CSVScanner.isValidUTF8($0) }
        var outcomes = [RowOutcome]()
        outcomes.reserveCapacity(chunk.bytes.count / 48)
        var line = chunk.line
        var previous = [PreviousValue](repeating: PreviousValue(), count: columnOfField.count)
        var checkedIDs = [String](repeating: "", count: columnOfField.count)
        chunk.bytes.withUnsafeBufferPointer { b in
            var at = 0
            while true {
                // Every chunk is scanned as if it ended the file: it ends at a record's line end
                // (or is the file's last), so no record reaches past it.
                switch scanner.scan(b, from: at, atEnd: true) {
                case .record(let next, let skipped, let lines, let problem):
                    let rowLine = line + skipped
                    line += skipped + lines
                    at = next
                    let outcome = mapRecord(
                        scanner, in: b, line: rowLine, problem: problem, encoding: encoding, counts: &counts, previous: &previous,
                        checkedIDs: &checkedIDs)
                    if !regionNameChecks.isEmpty, case .accepted(let line, let values) = outcome {
                        let scanned = scanner
                        checkRegionNames(
                            values: values, line: line, name: { c in scanned.withField(c, in: b) { String(decoding: $0, as: UTF8.self) } },
                            into: &regionNames)
                    }
                    outcomes.append(outcome)
                case .end, .needMore:
                    return
                }
            }
        }
        return outcomes
    }

    /// A field's last value that the fast path cleaned, where its bytes are in the chunk, and
    /// the cleaning step it counted: the same bytes in the next row (a person's ID over their
    /// rows, an employer, an amount in yuan, an insurance's Chinese label) give the same value
    /// and the same count again without decoding or cleaning them (the fast path is a pure
    /// function of the bytes).
    struct PreviousValue {
        var start = 0
        var end = -1
        var value = ""
        var step: CleaningStep?
    }

    private func mapRecord(
        _ scanner: CSVScanner, in b: UnsafeBufferPointer<UInt8>, line: Int, problem: CSVScanner.Problem?, encoding: TextEncoding,
        counts: inout CleaningCounts, previous: inout [PreviousValue], checkedIDs: inout [String]
    ) -> RowOutcome {
        func sourceRow() -> SourceRow {
            SourceRow(line: line, fields: scanner.strings(in: b), problem: problem?.message(encoding: encoding.rawValue))
        }
        guard problem == nil, scanner.fields.count == header.count else { return map(sourceRow(), counts: &counts, checkedIDs: &checkedIDs) }
        var values = [String]()
        values.reserveCapacity(columnOfField.count)
        for i in 0..<columnOfField.count {
            let c = columnOfField[i]
            guard c >= 0 else {
                values.append(constantValue(i))
                continue
            }
            let field = scanner.fields[c]
            if !field.unescaped, previous[i].end - previous[i].start == field.end - field.start,
                FieldCleaner.same(
                    UnsafeBufferPointer(rebasing: b[field.start..<field.end]), UnsafeBufferPointer(rebasing: b[previous[i].start..<previous[i].end]))
            {
                if let step = previous[i].step { counts.add(step) }
                values.append(previous[i].value)
                continue
            }
            let result = unretainedCleaners[i].unsafelyUnwrapped._withUnsafeGuaranteedRef { cleaner in
                scanner.withField(c, in: b) { u -> Result<String, FieldCleaner.Problem> in
                    guard let (fast, step) = cleaner.cleanFastStep(u) else {
                        return cleaner.cleanGeneral(String(decoding: u, as: UTF8.self), counts: &counts)
                    }
                    if let step { counts.add(step) }
                    let value: String
                    switch fast {
                    case .same: value = String(decoding: u, as: UTF8.self)
                    case .value(let text): value = text
                    }
                    if !field.unescaped { previous[i] = PreviousValue(start: field.start, end: field.end, value: value, step: step) }
                    return .success(value)
                }
            }
            switch result {
            case .success(let value): values.append(value)
            case .failure(let problem): return cleaningReject(sourceRow(), field: i, problem: problem)
            }
        }
        return validated(values, line: line, checkedIDs: &checkedIDs, row: sourceRow)
    }
}
