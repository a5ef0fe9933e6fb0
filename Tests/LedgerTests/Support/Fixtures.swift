import Foundation
import Ledger

/// Loads files from Tests/LedgerTests/Fixtures.
enum Fixtures {
    static var root: URL {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures")
    }

    static func data(_ path: String) throws -> Data {
        try Data(contentsOf: root.appendingPathComponent(path))
    }

    /// Every JSON file under a folder of the tlog test data, sorted by path.
    static func jsonFiles(under folder: String) throws -> [URL] {
        let base = root.appendingPathComponent("tlog/testdata").appendingPathComponent(folder)
        let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil)
        var files: [URL] = []
        while let url = enumerator?.nextObject() as? URL {
            if url.pathExtension == "json" { files.append(url) }
        }
        return files.sorted { $0.path < $1.path }
    }

    /// Some consistency vectors use short "don't care" roots where only equality matters
    /// (Go compares byte slices). A typed 32-byte root cannot hold them, so they are mapped
    /// to the leaf hash of their bytes: equal inputs stay equal, and none is a real root.
    static func opaqueRoot(_ base64: String?) -> MerkleHash? {
        guard let base64, let data = Data(base64Encoded: base64) else { return nil }
        return MerkleHash(bytes: data) ?? RFC9162.leafHash(Array(data))
    }

    static func hash(_ base64: String?) -> MerkleHash? {
        guard let base64, let data = Data(base64Encoded: base64) else { return nil }
        return MerkleHash(bytes: data)
    }
}

/// A vector hash may be of any length (corrupted vectors shorten or lengthen them);
/// a proof with such a hash can never verify, which the tests check separately.
struct VectorProof {
    let hashes: [MerkleHash]
    let hasMalformedHash: Bool

    init(_ list: [String]?) {
        var hashes: [MerkleHash] = []
        var malformed = false
        for item in list ?? [] {
            if let h = Fixtures.hash(item) { hashes.append(h) } else { malformed = true }
        }
        self.hashes = hashes
        self.hasMalformedHash = malformed
    }
}
