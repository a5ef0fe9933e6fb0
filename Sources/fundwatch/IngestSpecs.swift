import Foundation
import Ingestion
import Storage

/// Pairs export files with their mapping specs for `fundwatch ingest`.
enum IngestSpecs {
    /// One spec for every file, or each file matched by name to a spec of a folder.
    static func match(files: [String], spec: String?, specsFolder: String?) throws -> [FeedExport] {
        if let spec {
            let loaded = try MappingSpec(contentsOf: URL(fileURLWithPath: spec))
            return files.map { FeedExport(spec: loaded, path: $0) }
        }
        guard let specsFolder else { return [] }
        let specs = try loadFolder(specsFolder)
        return try files.map { file in
            let base = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            // The longest feed name that starts the file name: `hrss_pensions_old` wins over `hrss_pensions`.
            guard let spec = specs.filter({ base == $0.source || base.hasPrefix($0.source + "_") || base.hasPrefix($0.source + "-") })
                .max(by: { $0.source.count < $1.source.count })
            else {
                throw SpecError(
                    file: file, line: nil, column: nil,
                    reason: "no spec in \(specsFolder) matches this file; name it after a feed (\(specs.map(\.source).sorted().joined(separator: ", "))) or use --spec")
            }
            return FeedExport(spec: spec, path: file)
        }
    }

    /// Every `*.yaml`/`*.yml` spec of a folder; two specs with one feed name are an error.
    static func loadFolder(_ folder: String) throws -> [MappingSpec] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        } catch {
            throw SpecError(file: folder, line: nil, column: nil, reason: "cannot list the specs folder: \(error.localizedDescription)")
        }
        guard !names.isEmpty else { throw SpecError(file: folder, line: nil, column: nil, reason: "no *.yaml specs in this folder") }
        var specs = [MappingSpec]()
        var fileBySource = [String: String]()
        for name in names {
            let path = URL(fileURLWithPath: folder).appendingPathComponent(name).path
            let spec = try MappingSpec(contentsOf: URL(fileURLWithPath: path))
            if let other = fileBySource[spec.source] {
                throw SpecError(file: path, line: 1, column: nil, reason: "feed '\(spec.source)' is also defined in \(other); feed names are unique")
            }
            fileBySource[spec.source] = path
            specs.append(spec)
        }
        return specs
    }
}
