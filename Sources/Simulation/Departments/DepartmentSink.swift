public import Foundation
public import FundWatchCore
import Ingestion

/// Takes the simulator's canonical output and writes it as the departments hand it over: each
/// feed in its own format, encoding, headers and date style, with realistic dirt, plus the
/// matching mapping specs in `specs/` and the canonical `truth.csv`.
///
/// The canonical rows are held until `finish`, then written feed by feed (a simulated county
/// fits in memory; the canonical `DirectorySink` is the one for large runs).
public struct DepartmentSink: SimulationSink {
    public let directory: URL
    public let feeds: [DepartmentFeed]
    private let catalog: RegionCatalog
    private var canonical: [SimulationFile: [UInt8]] = [:]

    public init(directory: URL, feeds: [DepartmentFeed] = DepartmentFeed.standard, catalog: RegionCatalog = .shared) {
        self.directory = directory
        self.feeds = feeds
        self.catalog = catalog
    }

    public mutating func append(_ bytes: [UInt8], to file: SimulationFile) throws { canonical[file, default: []] += bytes }

    public mutating func finish() throws {
        let specs = directory.appendingPathComponent("specs")
        do {
            try FileManager.default.createDirectory(at: specs, withIntermediateDirectories: true)
        } catch {
            throw SimulationError("cannot write to \(directory.path): \(error.localizedDescription)")
        }
        for feed in feeds {
            let rows = canonicalRows(feed.record)
            let url = directory.appendingPathComponent(feed.fileName)
            let writer = DepartmentFileWriter(feed: feed, renderer: DepartmentRenderer(feed: feed, catalog: catalog))
            try writer.write(rows: rows, to: url)
            try Data(DepartmentSpecWriter.yaml(feed).utf8)
                .write(to: specs.appendingPathComponent(feed.source + ".yaml"))
        }
        if let truth = canonical[.truth] { try Data(truth).write(to: directory.appendingPathComponent("truth.csv")) }
        canonical = [:]
    }

    /// The canonical rows of a record type as name → value dictionaries, in file order.
    private func canonicalRows(_ kind: RecordKind) -> [[String: String]] {
        guard let bytes = canonical[.record(kind)] else { return [] }
        var iterator = CSVReader(bytes: bytes).makeIterator()
        guard let header = iterator.next()?.fields else { return [] }
        var rows = [[String: String]]()
        while let row = iterator.next() {
            var values = [String: String]()
            for (name, value) in zip(header, row.fields) { values[name] = value }
            rows.append(values)
        }
        return rows
    }
}
