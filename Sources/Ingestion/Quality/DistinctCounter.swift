import Foundation

/// Counts distinct values in bounded memory (HyperLogLog, 4,096 registers: about 1.6 % error,
/// exact-ish for small counts through linear counting), so a column's uniqueness can be told for
/// a file of any size. Hashing is `ValueHash` with a SplitMix64 finish: the same input gives the same
/// estimate on every run.
struct DistinctCounter: Sendable {
    private static let bits = 12
    private var registers = [UInt8](repeating: 0, count: 1 << bits)

    mutating func add(_ value: String) {
        add(hash: ValueHash.hash(value))
    }

    /// Adds a value by its `ValueHash.hash`, when the caller has it already.
    mutating func add(hash value: UInt64) {
        let hash = DistinctCounter.mix(value)
        let index = Int(hash >> UInt64(64 - DistinctCounter.bits))
        let rest = hash << UInt64(DistinctCounter.bits)
        let rank = UInt8(min(rest.leadingZeroBitCount, 64 - DistinctCounter.bits) + 1)
        if rank > registers[index] { registers[index] = rank }
    }

    /// Adds what another counter counted (registers keep the larger rank).
    mutating func merge(_ other: DistinctCounter) {
        for i in registers.indices where other.registers[i] > registers[i] { registers[i] = other.registers[i] }
    }

    /// The estimated number of distinct values added.
    var estimate: Int {
        let m = Double(registers.count)
        var sum = 0.0
        var zeros = 0
        for r in registers {
            sum += 1 / Double(UInt64(1) << UInt64(r))
            if r == 0 { zeros += 1 }
        }
        let alpha = 0.7213 / (1 + 1.079 / m)
        let raw = alpha * m * m / sum
        if raw <= 2.5 * m, zeros > 0 { return Int((m * log(m / Double(zeros))).rounded()) }
        return Int(raw.rounded())
    }

    private static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
