public import FundWatchCore

/// What to simulate: how many persons, where, over which months, and how much fraud and noise.
///
/// **Audit window.** Life histories reach back decades (enrollment and job start dates, birth
/// dates, retirement dates), but monthly rows — contributions, pension and other benefit
/// payments, tax employment records — and dated events (medical visits, injuries, deaths,
/// custody, survival checks) are generated only for the `windowMonths` months ending with
/// `windowEnd` (default 24 months, 2024-11 … 2026-10). That keeps a million persons to tens of
/// millions of rows instead of billions while every rule still has months to compare.
/// Back payments (突击补缴) keep their true, older periods; their payment dates lie in the window.
public struct SimulationConfiguration: Sendable, Hashable {
    /// Number of persons (person.csv rows).
    public var persons: Int
    /// The seed: the same seed and configuration give byte-identical files.
    public var seed: UInt64
    /// The region simulated (a province, city or county code); persons live in its counties.
    public var regionCode: String
    /// The last month of the audit window.
    public var windowEnd: Period
    /// The length of the audit window in months.
    public var windowMonths: Int
    /// Planted cases per person for each scheme (0.002 = two per thousand persons).
    public var fraudRates: [FraudScheme: Double]
    /// Honest irregularities per person for each kind.
    public var noiseRates: [NoiseKind: Double]
    /// The share of other departments' death, custody and medical settlement records whose ID
    /// number was keyed wrongly or left out (`IdentityNoise`, labelled in `person_links.csv`).
    /// Such rows fail import and reach their person only through `fundwatch resolve`; 0 keeps
    /// every row importable.
    public var identityNoiseRate: Double
    /// Persons (per person) registered a second time under another valid ID number (一人多号),
    /// with a resident enrollment under the second number; each second row is labelled in
    /// `person_links.csv` for `fundwatch resolve persons --truth`. 0 (the default) plants none.
    public var duplicatePersonRate: Double

    /// Persons per generation chunk. Part of the output's identity: chunks are generated
    /// independently (any core, any order) from (seed, chunk index) and written in order.
    public static let chunkSize = 2048

    public init(
        persons: Int, seed: UInt64 = 1, regionCode: String = "370000",
        windowEnd: Period = Period(year: 2026, month: 10)!, windowMonths: Int = 24,
        fraudRate: Double = 0.002, noiseRate: Double = 0.005, identityNoiseRate: Double = 0,
        duplicatePersonRate: Double = 0
    ) {
        self.persons = persons
        self.seed = seed
        self.regionCode = regionCode
        self.windowEnd = windowEnd
        self.windowMonths = windowMonths
        self.fraudRates = Dictionary(uniqueKeysWithValues: FraudScheme.allCases.map { ($0, fraudRate) })
        self.noiseRates = Dictionary(uniqueKeysWithValues: NoiseKind.allCases.map { ($0, noiseRate) })
        self.identityNoiseRate = identityNoiseRate
        self.duplicatePersonRate = duplicatePersonRate
    }

    /// The first month of the audit window.
    public var windowStart: Period { windowEnd.adding(months: -(windowMonths - 1)) }

    /// The last day any event may have (the window's last day).
    public var lastDay: CivilDate { windowEnd.lastDay }

    /// The rate for one scheme (0 when absent).
    public func rate(_ scheme: FraudScheme) -> Double { fraudRates[scheme] ?? 0 }

    /// The rate for one kind of noise (0 when absent).
    public func rate(_ noise: NoiseKind) -> Double { noiseRates[noise] ?? 0 }

    /// Checks the configuration against the region catalogue; throws a message naming the problem.
    public func validate(catalog: RegionCatalog = .shared) throws(SimulationError) {
        guard persons >= 1, persons <= 100_000_000 else {
            throw SimulationError("--persons must be between 1 and 100,000,000, got \(persons)")
        }
        guard let region = catalog.region(regionCode) else {
            throw SimulationError("--region \(regionCode) is not a GB/T 2260 code in the region catalogue")
        }
        guard !catalog.counties(under: region.code).isEmpty else {
            throw SimulationError("--region \(regionCode) (\(region.name)) has no county-level divisions")
        }
        guard (6...240).contains(windowMonths) else {
            throw SimulationError("--window-months must be between 6 and 240, got \(windowMonths)")
        }
        guard windowStart.year >= 1995 else { throw SimulationError("the audit window must start in 1995 or later") }
        for (scheme, r) in fraudRates where !(0...0.2).contains(r) {
            throw SimulationError("the rate of \(scheme.rawValue) must be between 0 and 0.2 per person, got \(r)")
        }
        guard (0...0.2).contains(identityNoiseRate) else {
            throw SimulationError("the identity noise rate must be between 0 and 0.2 per record, got \(identityNoiseRate)")
        }
        guard (0...0.2).contains(duplicatePersonRate) else {
            throw SimulationError("the duplicate person rate must be between 0 and 0.2 per person, got \(duplicatePersonRate)")
        }
        for (noise, r) in noiseRates where !(0...0.2).contains(r) {
            throw SimulationError("the rate of \(noise.rawValue) must be between 0 and 0.2 per person, got \(r)")
        }
    }
}

/// A simulation that cannot run as configured, or whose output cannot be written.
public struct SimulationError: Error, Hashable, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
