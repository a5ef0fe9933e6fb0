import Foundation

/// Wall and CPU time per phase of `fundwatch demo`, printed as each phase ends, so that the
/// ready-in-a-minute target can be checked phase by phase (CPU beside wall: the machine is often
/// shared, and CPU seconds say what the work itself cost).
struct DemoPhaseTimer {
    private let start: ContinuousClock.Instant
    private let startCPU: Double
    private var phaseStart: ContinuousClock.Instant
    private var phaseCPU: Double

    init() {
        start = .now
        phaseStart = start
        startCPU = Self.cpuSeconds()
        phaseCPU = startCPU
    }

    /// Ends a phase: prints its wall and CPU seconds.
    mutating func phase(_ name: String) {
        let now = ContinuousClock.Instant.now
        let cpu = Self.cpuSeconds()
        print("    [\(name): \(Self.seconds(now - phaseStart)) s wall, \(String(format: "%.1f", cpu - phaseCPU)) s CPU]")
        phaseStart = now
        phaseCPU = cpu
    }

    /// Wall and CPU since the start, as text.
    var total: String {
        "\(Self.seconds(ContinuousClock.Instant.now - start)) s wall, \(String(format: "%.1f", Self.cpuSeconds() - startCPU)) s CPU"
    }

    static func seconds(_ d: Duration) -> String {
        let c = d.components
        return String(format: "%.1f", Double(c.seconds) + Double(c.attoseconds) / 1e18)
    }

    /// User and system CPU seconds of this process so far (all threads): `clock()`, whose unit
    /// POSIX fixes at a microsecond (CLOCKS_PER_SEC = 1,000,000).
    static func cpuSeconds() -> Double {
        Double(clock()) / 1_000_000
    }
}
