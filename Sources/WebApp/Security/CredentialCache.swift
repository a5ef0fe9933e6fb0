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
        /// A caller was told to verify it again (see `lookup`).
        var refreshing = false
    }

    struct State {
        var entries: [String: Entry] = [:]
        /// Counts the forgettings (`remove`, `removeAll`): a verification read before one must
        /// not store what it read after it.
        var generation: UInt64 = 0
    }

    let lifetime: TimeInterval
    /// Entries beyond this many are dropped wholesale: a flood of forged tokens cannot grow it,
    /// since only verified credentials enter, but thousands of clients should not either.
    let capacity: Int
    private let state = Mutex(State())

    init(lifetime: TimeInterval, capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    var isEnabled: Bool { lifetime > 0 }

    /// The identity verified for `digest`, if verified less than `lifetime` ago and still valid at `now`.
    func identity(for digest: String, now: Date) -> Identity? {
        lookup(for: digest, now: now)?.identity
    }

    /// The identity verified for `digest` as `identity(for:now:)` finds it, and whether this
    /// caller should verify it again in the background: once an entry is older than half its
    /// lifetime, exactly one caller is told to, and the others go on using it meanwhile.
    ///
    /// Without this, every request arriving after an entry expired asked the database at once
    /// (a machine client keeps tens of calls in flight on one token): a stall each lifetime.
    func lookup(for digest: String, now: Date) -> (identity: Identity, refresh: Bool)? {
        guard isEnabled else { return nil }
        return state.withLock { state in
            guard let entry = state.entries[digest] else { return nil }
            let age = now.timeIntervalSince(entry.verifiedAt)
            guard now >= entry.verifiedAt, age < lifetime, entry.credentialExpires.map({ now < $0 }) ?? true else {
                state.entries[digest] = nil
                return nil
            }
            let refresh = age >= lifetime / 2 && !entry.refreshing
            if refresh { state.entries[digest]?.refreshing = true }
            return (entry.identity, refresh)
        }
    }

    /// Where the forgettings stand: pass it to `store` from a verification started now.
    var generation: UInt64 { state.withLock { $0.generation } }

    /// Keeps an identity just verified against the database, unless something was forgotten
    /// since `generation` (when given) was read: the verification may have read it before.
    func store(_ identity: Identity, for digest: String, verifiedAt: Date, credentialExpires: Date?, generation: UInt64? = nil) {
        guard isEnabled else { return }
        state.withLock { state in
            if let generation, generation != state.generation { return }
            if state.entries.count >= capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[digest] = Entry(identity: identity, verifiedAt: verifiedAt, credentialExpires: credentialExpires)
        }
    }

    /// Forgets one credential (its session ended).
    func remove(_ digest: String) {
        state.withLock { state in
            state.entries.removeValue(forKey: digest)
            state.generation &+= 1
        }
    }

    /// Forgets every credential: a user or token changed, and which entries it touches is not worth tracking.
    func removeAll() {
        state.withLock { state in
            state.entries.removeAll()
            state.generation &+= 1
        }
    }
}
