import Foundation
import FundWatchCore

/// Generates a synthetic population with planted, labelled fraud as canonical CSV files plus
/// `truth.csv`.
///
/// **truth.csv** has one row per labelled person: `id_number` (18 digits), `scheme`, `rule_ids`
/// (the audit rules that should fire, `;`-separated; for a fraud scheme its own id) and
/// `first_period` (the first month the wrongdoing shows). Honest irregularities are listed too,
/// under `noise_…` schemes with empty `rule_ids`: a rule that flags them is a false positive. A
/// person carries at most one label. **person_links.csv** lists, record by record, the identity
/// noise (`IdentityNoise`): death, custody and settlement rows whose ID number was mistyped or
/// left out, with the true 18-digit ID; those rows fail import and need `fundwatch resolve`.
/// With identity noise off (the library's default), every record file is canonical CSV that
/// `fundwatch import` reads with zero rejected rows; the only other deliberate oddities are valid ones
/// (15-digit ID numbers in other departments' rows, exact duplicate rows, name variants in death
/// records, negative payments that reverse an overpayment).
///
/// Deterministic: persons are generated in fixed chunks of `SimulationConfiguration.chunkSize`.
/// The households of a chunk (ages, sexes, places) come from a generator derived from (seed,
/// chunk index); ID order codes are then handed out in one pass in chunk order so no two persons
/// share a number. Each person's life and rows come from a generator derived from (seed, person
/// index), and the fraud and noise planted among a chunk's persons from (seed, chunk index).
/// Chunks run in parallel and are appended in order, so the same seed and configuration give
/// byte-identical files however many cores run it.
public struct Simulator: Sendable {
    public let configuration: SimulationConfiguration

    public init(configuration: SimulationConfiguration) throws(SimulationError) {
        try configuration.validate()
        self.configuration = configuration
    }

    /// Generates the population into `sink` and reports what was written.
    public func run(into sink: inout some SimulationSink) async throws -> SimulationSummary {
        let world = World(configuration: configuration)
        let chunkSize = SimulationConfiguration.chunkSize
        let chunkCount = (configuration.persons + chunkSize - 1) / chunkSize
        var skeletons = [[Member]]()
        skeletons.reserveCapacity(chunkCount)
        var allocator = IDAllocator()
        var idRandom = SimulationRandom(seed: configuration.seed, 0x4944_53)  // "IDS"
        for chunk in 0..<chunkCount {
            var rng = SimulationRandom(seed: configuration.seed, 0x534B_454C, UInt64(chunk))  // "SKEL"
            let count = min(chunkSize, configuration.persons - chunk * chunkSize)
            var members = HouseholdBuilder.members(count: count, world: world, rng: &rng)
            allocator.assign(&members, rng: &idRandom)
            skeletons.append(members)
        }

        var summary = SimulationSummary()
        for file in SimulationFile.all {
            var header = CSVWriter()
            header.write(row: file.header)
            try sink.append(header.bytes, to: file)
        }
        var institutions = CSVWriter()
        for institution in world.institutions { institutions.write(row: institution.fieldValues) }
        try sink.append(institutions.bytes, to: .record(.institution))
        summary.rows[.record(.institution), default: 0] += world.institutions.count
        var staff = CSVWriter()
        for member in world.staff { staff.write(row: member.fieldValues) }
        try sink.append(staff.bytes, to: .record(.staff))
        summary.rows[.record(.staff), default: 0] += world.staff.count

        let inFlight = max(2, ProcessInfo.processInfo.activeProcessorCount * 2)
        try await withThrowingTaskGroup(of: (Int, ChunkOutput).self) { group in
            var next = 0
            var written = 0
            var pending = [Int: ChunkOutput]()
            func launch() {
                let chunk = next
                let members = skeletons[chunk]
                group.addTask {
                    var generator = ChunkGenerator(world: world, chunk: chunk, members: members)
                    return (chunk, generator.run())
                }
                next += 1
            }
            while next < min(chunkCount, inFlight) { launch() }
            while let (chunk, output) = try await group.next() {
                pending[chunk] = output
                while let ready = pending.removeValue(forKey: written) {
                    for file in SimulationFile.all {
                        let buffer = ready.buffer(file)
                        guard !buffer.bytes.isEmpty else { continue }
                        try sink.append(buffer.bytes, to: file)
                        summary.rows[file, default: 0] += buffer.rows
                    }
                    for (scheme, n) in ready.schemeCounts { summary.truth[scheme, default: 0] += n }
                    written += 1
                    if next < chunkCount { launch() }
                }
            }
        }
        try sink.finish()
        return summary
    }
}

/// What a simulation wrote.
public struct SimulationSummary: Sendable, Hashable {
    /// Data rows per file (headers not counted).
    public var rows: [SimulationFile: Int] = [:]
    /// Truth rows per scheme (`noise_` schemes included).
    public var truth: [String: Int] = [:]

    public init() {}
}
