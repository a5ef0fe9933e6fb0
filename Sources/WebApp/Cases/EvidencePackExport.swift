import Casework
import Foundation
import FundWatchCore
import Mustache
import Storage
import ZIPFoundation

/// A case's evidence pack as files: `index.html` (in Chinese: every item with its ledger
/// inclusion proof, the checkpoint they verify against, the rule versions and their policy
/// clauses, the source records with provenance, the counter-evidence checked), `manifest.json`
/// (the same proofs for a program to check), `document.css`, and the evidence files under
/// `files/`. Personal data is masked in the index, as on every page.
struct EvidencePackExport: Sendable {
    let library: MustacheLibrary

    /// One proved item as the manifest lists it.
    struct ManifestItem: Codable, Sendable {
        let kind: String
        let title: String
        /// The SHA-256 the ledger entry holds (`payload_sha256`).
        let sha256: String
        let file: String?
        let proof: EvidencePack.Proof?
    }

    struct Manifest: Codable, Sendable {
        let caseId: String
        /// The signed checkpoint note every proof verifies against.
        let checkpoint: String
        let treeSize: UInt64
        let rootHex: String
        let items: [ManifestItem]
    }

    struct Row: Sendable {
        let kind: String
        let title: String
        let detail: String
        let at: String
        let sha256: String
        let file: String?
        let index: String
        let leafHash: String
        let proof: String
    }

    struct RuleRow: Sendable {
        let ruleID: String
        let version: Int
        let title: String
        let sha256: String
        let basis: [String]
        let hasBasis: Bool
        let index: String
        let proof: String
    }

    struct SourceRow: Sendable {
        let reference: String
        let recordType: String
        let department: String
        let feed: String
        let batch: String
        let line: String
    }

    struct CounterRow: Sendable {
        let label: String
        let count: Int
        let latest: String
    }

    struct Index: Sendable {
        let caseID: String
        let title: String
        let state: String
        let region: String
        let person: String
        let amountYuan: String
        let outcome: String
        let checkpoint: String
        let treeSize: UInt64
        let rootHex: String
        let events: [Row]
        let evidence: [Row]
        let findings: [Row]
        let rules: [RuleRow]
        let sources: [SourceRow]
        let noSources: Bool
        let counter: [CounterRow]
        let noCounter: Bool
        let itemCount: Int
    }

    /// The pack's files by name, in the order they go into the ZIP.
    func files(_ pack: EvidencePack, basis: (String) -> [String]) throws -> [(String, [UInt8])] {
        let minute = CaseController.minuteFormatter()
        func row(_ item: EvidencePack.Item, label: (String) -> String = { $0 }) -> Row {
            Row(
                kind: item.kind, title: label(item.title), detail: PersonalDataMasker.maskNumbers(item.detail),
                at: item.at.map(minute.string(from:)) ?? "", sha256: item.sha256, file: item.fileName,
                index: item.proof.map { String($0.index) } ?? "不在检查点内", leafHash: item.proof?.leafHash ?? "",
                proof: item.proof?.hashes.joined(separator: "\n") ?? "")
        }
        let c = pack.stored
        let index = Index(
            caseID: c.id, title: c.title, state: c.state.chinese, region: RegionNames.name(c.regionCode),
            person: c.personIDNumber.map(IDNumber.mask) ?? "—", amountYuan: c.amountAtRisk.description,
            outcome: c.outcome?.chinese ?? "—", checkpoint: pack.checkpoint, treeSize: pack.treeSize, rootHex: pack.rootHex,
            events: pack.events.map { row($0, label: CaseController.actionLabel) }, evidence: pack.evidence.map { row($0) },
            findings: pack.findings.map { row($0) },
            rules: pack.rules.map { r in
                let clauses = basis(r.ruleID)
                return RuleRow(
                    ruleID: r.ruleID, version: r.version, title: r.title, sha256: r.sha256, basis: clauses,
                    hasBasis: !clauses.isEmpty, index: r.proof.map { String($0.index) } ?? "—",
                    proof: r.proof?.hashes.joined(separator: "\n") ?? "")
            },
            sources: pack.sources.map {
                SourceRow(
                    reference: PersonalDataMasker.maskNumbers($0.reference), recordType: $0.recordType,
                    department: $0.department ?? "—", feed: $0.feed ?? "—", batch: $0.batchID.map(String.init) ?? "—",
                    line: $0.line.map(String.init) ?? "—")
            },
            noSources: pack.sources.isEmpty,
            counter: pack.counterChecks.map { CounterRow(label: $0.label, count: $0.count, latest: $0.latest ?? "—") },
            noCounter: pack.counterChecks.isEmpty,
            itemCount: pack.events.count + pack.evidence.count + pack.findings.count + pack.rules.count)
        let html = library.render(index, withTemplate: "evidence-pack") ?? ""

        var items = [ManifestItem]()
        for item in pack.events + pack.evidence + pack.findings {
            items.append(ManifestItem(kind: item.kind, title: item.title, sha256: item.sha256, file: item.fileName, proof: item.proof))
        }
        for r in pack.rules {
            items.append(ManifestItem(kind: "rule_version", title: "\(r.ruleID) v\(r.version)", sha256: r.sha256, file: nil, proof: r.proof))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let manifest = try encoder.encode(
            Manifest(caseId: c.id, checkpoint: pack.checkpoint, treeSize: pack.treeSize, rootHex: pack.rootHex, items: items))
        var out: [(String, [UInt8])] = [
            ("index.html", Array(html.utf8)), ("manifest.json", [UInt8](manifest)), (DocumentStyle.fileName, Array(DocumentStyle.css.utf8)),
            // Issued documents link the style sheet beside them.
            ("files/" + DocumentStyle.fileName, Array(DocumentStyle.css.utf8)),
        ]
        out += pack.files.map { ($0.name, $0.bytes) }
        return out
    }

    /// The pack as one ZIP archive.
    func zip(_ pack: EvidencePack, basis: (String) -> [String]) throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (name, bytes) in try files(pack, basis: basis) {
            let data = Data(bytes)
            try archive.addEntry(
                with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return [UInt8](archive.data ?? Data())
    }
}
