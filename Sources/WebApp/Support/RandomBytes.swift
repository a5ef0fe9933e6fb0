import Foundation

/// Where session ids, CSRF tokens, API tokens and demo passwords come from: the system's
/// cryptographic generator when served, a seeded one in tests (so runs repeat).
public struct RandomBytes: Sendable {
    private let generate: @Sendable (Int) -> [UInt8]

    public init(_ generate: @escaping @Sendable (Int) -> [UInt8]) { self.generate = generate }

    public func bytes(_ count: Int) -> [UInt8] { generate(count) }

    /// The operating system's CSPRNG.
    public static let system = RandomBytes { count in
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    /// A deterministic stream from a seed (SplitMix64): for tests and reproducible demos only.
    public static func seeded(_ seed: UInt64) -> RandomBytes {
        let state = SeedState(seed)
        return RandomBytes { count in state.next(count) }
    }

    /// `count` bytes as URL-safe text (base64url without padding): cookie and token values.
    public func token(_ count: Int = 32) -> String {
        Base64URL.encode(bytes(count))
    }
}

private final class SeedState: @unchecked Sendable {
    private var state: UInt64
    private let lock = NSLock()

    init(_ seed: UInt64) { state = seed }

    func next(_ count: Int) -> [UInt8] {
        lock.withLock {
            var out = [UInt8]()
            out.reserveCapacity(count)
            while out.count < count {
                state &+= 0x9E37_79B9_7F4A_7C15
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                z ^= z >> 31
                for i in 0..<8 where out.count < count { out.append(UInt8(truncatingIfNeeded: z >> (8 * UInt64(i)))) }
            }
            return out
        }
    }
}
