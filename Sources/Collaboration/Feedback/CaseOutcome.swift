public import FundWatchCore
import Foundation

/// The outcome of one decided case, with the facts the cause analysis groups by.
public struct CaseOutcome: Sendable, Hashable, Codable {
    public var caseID: String
    /// The rule whose finding opened the case.
    public var ruleID: String
    /// The county (or other region) of the case.
    public var regionCode: String
    /// The hospital, pharmacy or employer involved, if any.
    public var institutionID: String?
    /// The staff id of the operator (经办人) who handled the payment, if known.
    public var operatorID: String?
    /// How the claim or payment came in: `counter`, `online`, `agent`, `bank`, … if known.
    public var channel: String?
    public var verdict: OutcomeVerdict
    public var decidedOn: CivilDate
    /// The amount confirmed as wrongly paid, in fen (0 for no issue).
    public var amountFen: Int64
    /// For deaths and custody: days from the event (death, detention) to its registration in the
    /// department's registry, if known. The lag is what lets payments run on after death.
    public var registrationDelayDays: Int?

    public init(
        caseID: String, ruleID: String, regionCode: String, institutionID: String? = nil, operatorID: String? = nil,
        channel: String? = nil, verdict: OutcomeVerdict, decidedOn: CivilDate, amountFen: Int64 = 0,
        registrationDelayDays: Int? = nil
    ) {
        self.caseID = caseID
        self.ruleID = ruleID
        self.regionCode = regionCode
        self.institutionID = institutionID
        self.operatorID = operatorID
        self.channel = channel
        self.verdict = verdict
        self.decidedOn = decidedOn
        self.amountFen = amountFen
        self.registrationDelayDays = registrationDelayDays
    }

    // Spelled `caseId`, not `caseID`, so that the API's snake_case key strategies map
    // `case_id` both ways (a decoder turns `case_id` into `caseId`, never into `caseID`).
    private enum CodingKeys: String, CodingKey {
        case caseID = "caseId", ruleID = "ruleId", regionCode, institutionID = "institutionId"
        case operatorID = "operatorId", channel, verdict, decidedOn, amountFen, registrationDelayDays
    }

    /// Decodes an outcome; `amount_fen` may be left out (0, as for a case with no issue).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            caseID: try c.decode(String.self, forKey: .caseID), ruleID: try c.decode(String.self, forKey: .ruleID),
            regionCode: try c.decode(String.self, forKey: .regionCode),
            institutionID: try c.decodeIfPresent(String.self, forKey: .institutionID),
            operatorID: try c.decodeIfPresent(String.self, forKey: .operatorID),
            channel: try c.decodeIfPresent(String.self, forKey: .channel),
            verdict: try c.decode(OutcomeVerdict.self, forKey: .verdict),
            decidedOn: try c.decode(CivilDate.self, forKey: .decidedOn),
            amountFen: try c.decodeIfPresent(Int64.self, forKey: .amountFen) ?? 0,
            registrationDelayDays: try c.decodeIfPresent(Int.self, forKey: .registrationDelayDays))
    }

    /// Refuses an outcome that cannot be analysed: no case or rule, an unknown region, a negative
    /// amount or delay.
    public func validate(catalog: RegionCatalog = .shared) throws(CollaborationError) {
        if caseID.trimmingCharacters(in: .whitespaces).isEmpty {
            throw CollaborationError(.invalidInput, "案件结果缺少案件编号（case_id）")
        }
        if ruleID.trimmingCharacters(in: .whitespaces).isEmpty {
            throw CollaborationError(.invalidInput, "案件 \(caseID) 的结果缺少规则编号（rule_id）")
        }
        guard catalog.region(regionCode) != nil else {
            throw CollaborationError(.unknownRegion, "案件 \(caseID) 的地区代码 \(regionCode) 不存在")
        }
        if amountFen < 0 { throw CollaborationError(.invalidInput, "案件 \(caseID) 的金额（amount_fen）不能为负数") }
        if let d = registrationDelayDays, d < 0 {
            throw CollaborationError(.invalidInput, "案件 \(caseID) 的登记延迟天数（registration_delay_days）不能为负数")
        }
    }
}
