import Crypto
public import Foundation
public import FundWatchCore
import Ledger

/// One canonical CSV file to import: its record kind, name and bytes.
public struct CanonicalFile: Sendable {
    public let kind: RecordKind
    /// The file name as found (`person.csv`).
    public let name: String
    public let bytes: [UInt8]
    /// Hex SHA-256 of the bytes: the same file imported twice is recognised by it.
    public let sha256: String

    public init(kind: RecordKind, name: String, bytes: [UInt8]) {
        self.kind = kind
        self.name = name
        self.bytes = bytes
        self.sha256 = HexCoding.encode(SHA256.hash(data: bytes))
    }

    /// Reads the canonical files of a folder: every `<record_kind>.csv`. Other files (such as
    /// the simulator's `truth.csv`) are listed in `ignored`.
    public static func readFolder(_ folder: URL) throws(ImportError) -> (files: [CanonicalFile], ignored: [String]) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ImportError(file: folder.path, line: nil, field: nil,
                message: "no such folder; give the folder that holds person.csv, benefit_payment.csv, …")
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        } catch {
            throw ImportError(file: folder.path, line: nil, field: nil, message: "cannot list the folder: \(error.localizedDescription)")
        }
        var files = [CanonicalFile]()
        var ignored = [String]()
        for name in names {
            guard name.hasSuffix(".csv"), let kind = RecordKind(rawValue: String(name.dropLast(4))) else {
                ignored.append(name)
                continue
            }
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else {
                throw ImportError(file: name, line: nil, field: nil, message: "cannot read the file (permissions?)")
            }
            files.append(CanonicalFile(kind: kind, name: name, bytes: [UInt8](data)))
        }
        guard !files.isEmpty else {
            throw ImportError(file: folder.path, line: nil, field: nil,
                message: "no canonical CSV files here; expected files named \(RecordKind.allCases.map(\.fileName).joined(separator: ", "))")
        }
        // Import in dependency order: persons and institutions before what refers to them.
        return (files.sorted { $0.kind < $1.kind }, ignored)
    }
}
