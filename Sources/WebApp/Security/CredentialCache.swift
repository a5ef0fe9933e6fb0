import Foundation
import Synchronization

/// Identities verified from a session cookie or an API token, kept for a short while so that a
/// machine client's stream of calls does not ask the database who it is on every request.
///
/// Keyed by the credential's SHA-256 (never the secret itself). An entry is used only while it
/// is younger than `lifetime` and its credential has not expired; a change made in this process
/// (sign-out, a user disabled or re-roled, a token revoked, on the admin page or the API) drops
/// the entries at once. A change made by another process (`fundwatch user disable`) takes
/// effect within `lifetime`. A lifetime of 0 turns the cache off.
final class CredentialCache: Sendable {
    struct Entry: Sendable {
        let identity: Identity
        /// When the entry was verified against the database.
        let verifiedAt: Date
        /// When the credential itself ends (the session's or token's expiry).
        let credentialExpires: Date?
    }

    let lifetime: TimeInterval
    /// Entries beyond this many are dropped wholesale: a flood of forged tokens cannot grow it,
    /// since only verified credentials enter, but thousands of clients should not either.
    let capacity: Int
    private let entries = Mutex<[String: Entry]>([:])

    init(lifetime: TimeInterval, capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    var isEnabled: Bool { lifetime > 0 }

    /// The identity verified for `digest`, if verified less than `lifetime` ago and still valid at `now`.
    func identity(for digest: String, now: Date) -> Identity? {
        guard isEnabled else { return nil }
        return entries.withLock { entries in
            guard let entry = entries[digest] else { return nil }
            let fresh = now >= entry.verifiedAt && now.timeIntervalSince(entry.verifiedAt) < lifetime
            guard fresh, entry.credentialExpires.map({ now < $0 }) ?? true else {
                entries[digest] = nil
                return nil
            }
            return entry.identity
        }
    }

    /// Keeps an identity just verified against the database.
    func store(_ identity: Identity, for digest: String, verifiedAt: Date, credentialExpires: Date?) {
        guard isEnabled else { return }
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[digest] = Entry(identity: identity, verifiedAt: verifiedAt, credentialExpires: credentialExpires)
        }
    }

    /// Forgets one credential (its session ended).
    func remove(_ digest: String) {
        _ = entries.withLock { $0.removeValue(forKey: digest) }
    }

    /// Forgets every credential: a user or token changed, and which entries it touches is not worth tracking.
    func removeAll() {
        entries.withLock { $0.removeAll() }
    }
}
