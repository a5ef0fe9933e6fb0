public import Foundation
public import FundWatchCore
public import Storage

/// A new finding as it is pushed to people and webhooks: personal data masked (ID
/// 3701**********1234, names 张*), nothing that needs another lookup to show.
public struct LiveAlert: Sendable, Hashable, Codable {
    public var findingID: Int64
    public var ruleID: String
    /// `red`, `orange` or `yellow`.
    public var severity: String
    /// `fraud` or `data_conflict`.
    public var kind: String
    /// The person's county, if known.
    public var regionCode: String?
    /// The county's name, if the catalogue knows it.
    public var regionName: String?
    /// The person's ID number, masked.
    public var maskedIDNumber: String
    /// The explanation with the person's name and any ID number masked.
    public var explanation: String
    /// Money at risk in fen.
    public var amountAtRisk: Int64
    public var riskScore: Double

    /// The alert of a stored finding.
    public init(_ new: NewFinding, catalog: RegionCatalog) {
        let f = new.finding
        self.init(
            findingID: f.id, ruleID: f.ruleID, severity: f.severity, kind: f.kind, regionCode: f.regionCode,
            idNumber: f.idNumber, explanation: f.explanation, personName: new.personName, amountAtRisk: f.amountAtRisk,
            riskScore: f.riskScore, catalog: catalog)
    }

    /// An alert from plain values; the ID number, the name and any ID in the explanation are
    /// masked here.
    public init(
        findingID: Int64, ruleID: String, severity: String, kind: String, regionCode: String?, idNumber: String,
        explanation: String, personName: String?, amountAtRisk: Int64, riskScore: Double, catalog: RegionCatalog
    ) {
        self.findingID = findingID
        self.ruleID = ruleID
        self.severity = severity
        self.kind = kind
        self.regionCode = regionCode
        self.regionName = regionCode.flatMap { catalog.region($0)?.name }
        self.maskedIDNumber = PersonalDataMask.idNumber(idNumber)
        self.explanation = PersonalDataMask.text(explanation, personName: personName)
        self.amountAtRisk = amountAtRisk
        self.riskScore = riskScore
    }

    /// The alert as JSON with sorted keys: the webhook body.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
