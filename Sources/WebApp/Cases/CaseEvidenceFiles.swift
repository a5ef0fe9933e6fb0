import Foundation
import Storage

/// Where the web app keeps evidence files: beside the ledger in the data folder
/// (`<data>/evidence/<aa>/<sha256>`), or in memory when the ledger is (no data folder).
enum CaseEvidenceFiles {
    static func store(ledgerDirectory: String?) -> any EvidenceFileStore {
        guard let ledgerDirectory else { return InMemoryEvidenceStore() }
        return FolderEvidenceStore(data: (ledgerDirectory as NSString).deletingLastPathComponent)
    }
}
