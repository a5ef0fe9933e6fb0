import Foundation
import Storage

/// One administration event as a page lists it (the admin page's log, a rule's change log).
struct AdminEventRow: Sendable, Codable {
    let at: String
    let actor: String
    let action: String
    let subject: String
    let ledgerIndex: Int64?

    /// `action` replaces the stored action code where a page shows a label for it.
    init(_ event: AdminEvent, action: String? = nil) {
        at = WebTimeText.format(event.at)
        actor = event.actor
        self.action = action ?? event.action
        subject = event.subject
        ledgerIndex = event.ledgerIndex
    }
}
