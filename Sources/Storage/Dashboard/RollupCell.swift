/// One pre-aggregated cell of the findings rollup: the findings of one county under one key of one
/// dimension (all red findings of 370102, all findings of rule `pension_after_death` in 370102 …).
public struct RollupCell: Sendable, Hashable {
    /// What a rollup groups findings by.
    public enum Dimension: String, Sendable, Hashable, CaseIterable {
        /// All findings that raise an alert (key is empty).
        case total
        /// `red`, `orange`, `yellow`.
        case severity
        /// `fraud` or `data_conflict`.
        case kind
        /// The rule id.
        case rule
        /// The month (`YYYY-MM`) of the audit run that first found it.
        case period
        /// Every stored finding by status, shadow and suppressed ones included.
        case status
    }

    /// The finding's county as stored; empty when the finding names none.
    public var regionCode: String
    public var dimension: Dimension
    public var key: String
    public var measure: RollupMeasure
    /// The dashboard version of the cell's last change.
    public var version: Int64

    public init(regionCode: String, dimension: Dimension, key: String, measure: RollupMeasure, version: Int64) {
        self.regionCode = regionCode
        self.dimension = dimension
        self.key = key
        self.measure = measure
        self.version = version
    }
}

/// What a rollup cell counts: findings, money at risk, red findings and summed risk score.
public struct RollupMeasure: Sendable, Hashable, Codable {
    public var findings: Int
    /// Money at risk in fen.
    public var amountAtRisk: Int64
    public var red: Int
    /// The sum of the findings' risk scores, in hundredths (an integer, so sums stay exact).
    public var riskHundredths: Int64

    public init(findings: Int = 0, amountAtRisk: Int64 = 0, red: Int = 0, riskHundredths: Int64 = 0) {
        self.findings = findings
        self.amountAtRisk = amountAtRisk
        self.red = red
        self.riskHundredths = riskHundredths
    }

    public static let zero = RollupMeasure()

    public var isZero: Bool { findings == 0 && amountAtRisk == 0 && red == 0 && riskHundredths == 0 }

    public static func + (a: RollupMeasure, b: RollupMeasure) -> RollupMeasure {
        RollupMeasure(
            findings: a.findings + b.findings, amountAtRisk: a.amountAtRisk + b.amountAtRisk, red: a.red + b.red,
            riskHundredths: a.riskHundredths + b.riskHundredths)
    }

    public static func - (a: RollupMeasure, b: RollupMeasure) -> RollupMeasure {
        RollupMeasure(
            findings: a.findings - b.findings, amountAtRisk: a.amountAtRisk - b.amountAtRisk, red: a.red - b.red,
            riskHundredths: a.riskHundredths - b.riskHundredths)
    }

    public static func += (a: inout RollupMeasure, b: RollupMeasure) { a = a + b }
}
