import Foundation
@testable import Storage
import Synchronization
import Testing
@testable import WebApp

/// The payment check's verified view and the credential cache are verified again ahead of their
/// expiry, by one caller, while the others go on: no stall of every request at each expiry.
@Suite("Refresh ahead: payment-check memory and credential cache")
struct RefreshAheadTests {
    /// A count shared by the tasks of a test.
    final class Counter: Sendable {
        private let count = Atomic(0)
        func add() { count.add(1, ordering: .relaxed) }
        var value: Int { count.load(ordering: .relaxed) }
    }

    static func identity(_ n: Int64) -> Identity {
        Identity(
            user: WebUser(
                id: n, username: "u\(n)", displayName: "用户\(n)", role: .auditor, regionCode: "370102", disabled: false,
                createdAt: Date(timeIntervalSince1970: 0)),
            credential: .token(id: n, scopes: ["read"]), scope: RegionScope(code: "370102")!)
    }

    @Test func aCredentialPastHalfItsLifetimeIsHandedToExactlyOneCallerToVerify() {
        let cache = CredentialCache(lifetime: 1)
        let t0 = Date(timeIntervalSince1970: 1_000_000)
        cache.store(Self.identity(1), for: "d", verifiedAt: t0, credentialExpires: nil)
        #expect(cache.lookup(for: "d", now: t0.addingTimeInterval(0.2))?.refresh == false)
        // Past half the lifetime: the first caller verifies, the others use the entry meanwhile.
        #expect(cache.lookup(for: "d", now: t0.addingTimeInterval(0.6))?.refresh == true)
        #expect(cache.lookup(for: "d", now: t0.addingTimeInterval(0.7))?.refresh == false)
        #expect(cache.lookup(for: "d", now: t0.addingTimeInterval(0.8))?.identity == Self.identity(1))
        // Past the lifetime nobody uses it.
        #expect(cache.lookup(for: "d", now: t0.addingTimeInterval(1.0)) == nil)
        // A verification stored renews it, and the next half-life hands it out again.
        cache.store(Self.identity(1), for: "d", verifiedAt: t0.addingTimeInterval(1.1), credentialExpires: nil)
        #expect(cache.lookup(for: "d", now: t0.addingTimeInterval(1.2))?.refresh == false)
        #expect(cache.lookup(for: "d", now: t0.addingTimeInterval(1.7))?.refresh == true)
    }

    @Test func aVerificationReadBeforeAForgettingIsNotStored() {
        let cache = CredentialCache(lifetime: 1)
        let t0 = Date(timeIntervalSince1970: 1_000_000)
        let generation = cache.generation
        // A user was disabled (every entry forgotten) while the verification was reading.
        cache.removeAll()
        cache.store(Self.identity(2), for: "d", verifiedAt: t0, credentialExpires: nil, generation: generation)
        #expect(cache.identity(for: "d", now: t0) == nil)
        cache.store(Self.identity(2), for: "d", verifiedAt: t0, credentialExpires: nil, generation: cache.generation)
        #expect(cache.identity(for: "d", now: t0) == Self.identity(2))
    }

    @Test func anAgingViewIsVerifiedInTheBackgroundOnceWhileChecksGoOn() async throws {
        let now = Mutex(ContinuousClock.now)
        let memory = PaymentCheckMemory(clock: { now.withLock { $0 } })
        let t0 = now.withLock { $0 }
        memory.store(
            records: RecordsGeneration(watermarks: [1]), blacklist: BlacklistInForce(version: [0], bySubject: [:]), verifiedAt: t0)
        let verifications = Counter()
        let verify: @Sendable () async throws -> Void = {
            verifications.add()
            try await Task.sleep(for: .milliseconds(50))
            memory.store(
                records: RecordsGeneration(watermarks: [1]), blacklist: BlacklistInForce(version: [0], bySubject: [:]),
                verifiedAt: now.withLock { $0 })
        }
        // Young: no verification.
        now.withLock { $0 = t0 + .milliseconds(100) }
        #expect(memory.view(within: .milliseconds(250), verifyingAhead: verify) != nil)
        try await Task.sleep(for: .milliseconds(20))
        #expect(verifications.value == 0)
        // Past half the interval: every check still gets the view, one verification starts.
        now.withLock { $0 = t0 + .milliseconds(150) }
        for _ in 0..<20 { #expect(memory.view(within: .milliseconds(250), verifyingAhead: verify) != nil) }
        // The background task runs when the executor gets to it (late on a busy machine).
        for _ in 0..<2_000 where memory.view(within: .milliseconds(250))?.verifiedAt != t0 + .milliseconds(150) {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(verifications.value == 1)
        #expect(memory.view(within: .milliseconds(250))?.verifiedAt == t0 + .milliseconds(150))
    }

    @Test func checksFindingTheViewExpiredShareOneVerification() async throws {
        let memory = PaymentCheckMemory()
        let verifications = Counter()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    try await memory.verify {
                        verifications.add()
                        try await Task.sleep(for: .milliseconds(200))
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(verifications.value < 16)
        // Once done, the next verification runs again.
        try await memory.verify { verifications.add() }
        #expect(verifications.value >= 2)
    }
}
