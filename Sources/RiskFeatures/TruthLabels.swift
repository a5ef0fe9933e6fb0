public import FundWatchCore

/// The labels in a simulator's `truth.csv`: who carries a planted fraud scheme.
///
/// A row whose `scheme` starts with `noise_` is an honest irregularity (label 0, like every
/// person not listed); any other scheme is fraud (label 1).
public struct TruthLabels: Sendable {
    /// ID number (18 digits) → the fraud scheme planted on that person.
    public let fraudScheme: [String: String]

    /// Reads `truth.csv` (`id_number`, `scheme`, …); `file` names it in errors.
    public init(csv bytes: [UInt8], file: String) throws(TruthLabelsError) {
        var rows = CSVReader(bytes: bytes).makeIterator()
        guard let header = rows.next() else {
            throw TruthLabelsError("\(file): the file is empty; expected a header with id_number and scheme")
        }
        guard let idIndex = header.fields.firstIndex(of: "id_number"),
            let schemeIndex = header.fields.firstIndex(of: "scheme")
        else {
            throw TruthLabelsError(
                "\(file):\(header.line): the header needs the columns id_number and scheme (a simulator truth.csv)")
        }
        var fraud = [String: String]()
        while let row = rows.next() {
            if let problem = row.problem { throw TruthLabelsError("\(file):\(row.line): \(problem)") }
            if row.fields.count == 1 && row.fields[0].isEmpty { continue }
            guard row.fields.count > max(idIndex, schemeIndex) else {
                throw TruthLabelsError(
                    "\(file):\(row.line): \(row.fields.count) fields, the header has \(header.fields.count)")
            }
            let scheme = row.fields[schemeIndex]
            guard !scheme.isEmpty else {
                throw TruthLabelsError("\(file):\(row.line): field scheme is empty; every truth row names a scheme")
            }
            if !scheme.hasPrefix("noise_") { fraud[row.fields[idIndex]] = scheme }
        }
        self.fraudScheme = fraud
    }

    /// 1 for a person with a planted fraud scheme, else 0.
    public func label(_ id: IDNumber) -> Double { fraudScheme[id.value] == nil ? 0 : 1 }
}

/// A `truth.csv` that cannot be read, with the file and line.
public struct TruthLabelsError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
