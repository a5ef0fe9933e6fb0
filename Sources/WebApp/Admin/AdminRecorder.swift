import Foundation
import Ledger
import Logging
import Storage

/// Puts administrative events into the ledger: a saved rule version as a `rule_version` entry
/// (subject `rule/<id>/v<n>`, the hash of its YAML: the entry the batch audit makes for a
/// version it meets first), everything else (users, tokens, rule switches, jobs) as a `note`
/// entry over the event's canonical JSON. The change itself is already stored; an event the
/// ledger could not take is recorded with the next one.
struct AdminRecorder: Sendable {
    let database: FundWatchDatabase
    let trail: AuditTrail
    let logger: Logger

    /// The event's ledger entry.
    static func record(for event: AdminEvent) -> AuditTrail.Record {
        AuditTrail.Record(
            type: event.action == "rule.save" ? .ruleVersion : .note, actor: event.actor, subject: event.subject,
            payload: Data(event.payload.utf8))
    }

    /// Records `event` and any earlier event still missing; returns the event's ledger index,
    /// nil when the ledger refused (logged; retried next time).
    @discardableResult
    func record(_ event: AdminEvent) async -> UInt64? {
        do {
            let pending = try await database.unrecordedAdminEvents()
            let events = pending.contains { $0.id == event.id } ? pending : pending + [event]
            let range = try trail.record(events.map(Self.record(for:)))
            var mine: UInt64?
            for (offset, e) in events.enumerated() {
                let index = range.lowerBound + UInt64(offset)
                try await database.markAdminEventRecorded(id: e.id, ledgerIndex: index)
                if e.id == event.id { mine = index }
                if let version = Self.ruleVersion(of: e) {
                    try await database.markRecorded(ruleVersions: [(version, index)], findings: [])
                }
            }
            return mine
        } catch {
            logger.error("admin event not recorded in the ledger yet", metadata: ["event": "\(event.id)", "error": "\(error)"])
            return nil
        }
    }

    /// The rule version a `rule.save` event saved (from its subject `rule/<id>/v<n>`).
    static func ruleVersion(of event: AdminEvent) -> RuleVersionInput? {
        guard event.action == "rule.save" else { return nil }
        let parts = event.subject.split(separator: "/")
        guard parts.count == 3, parts[0] == "rule", parts[2].hasPrefix("v"), let version = Int(parts[2].dropFirst()) else {
            return nil
        }
        // Only the id and version name the row to mark.
        return RuleVersionInput(ruleID: String(parts[1]), version: version, sha256: "", status: "", title: "")
    }

    /// Canonical JSON (sorted keys, no escaped slashes) of an event's details.
    static func payload(_ fields: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(fields)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
