public import Foundation

/// What the state machine knows of a case: enough to decide a step, nothing it does not need.
public struct CaseFile: Sendable, Hashable {
    public var state: CaseState
    /// The six-digit code of the county (or city) that owns the case.
    public var regionCode: String
    /// The case type, e.g. a rule id (`pension_after_death`); picks task deadlines.
    public var caseType: String
    /// Who made the decision (the appeal must be reviewed by someone else).
    public var decidedBy: String?
    /// When the decision was made (the appeal window runs from here).
    public var decidedAt: Date?
    /// What the decision found.
    public var outcome: CaseOutcome?
    /// The state the case was in when an appeal was lodged (an upheld decision returns there).
    public var stateBeforeAppeal: CaseState?
    /// 督办, if a higher level supervises the case.
    public var supervision: Supervision?
    /// The case's enforcement measures, and whether each is finished.
    public var measures: [MeasureStatus]

    public init(
        state: CaseState, regionCode: String, caseType: String, decidedBy: String? = nil, decidedAt: Date? = nil,
        outcome: CaseOutcome? = nil, stateBeforeAppeal: CaseState? = nil, supervision: Supervision? = nil, measures: [MeasureStatus] = []
    ) {
        self.state = state
        self.regionCode = regionCode
        self.caseType = caseType
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
        self.outcome = outcome
        self.stateBeforeAppeal = stateBeforeAppeal
        self.supervision = supervision
        self.measures = measures
    }
}

/// 督办: a higher-level region supervises a case until a deadline and signs it off.
public struct Supervision: Sendable, Hashable, Codable {
    /// The supervising region's code.
    public var regionCode: String
    /// Who set the supervision.
    public var by: String
    public var deadline: Date
    /// Who signed the case off, once they have.
    public var signedOffBy: String?

    public init(regionCode: String, by: String, deadline: Date, signedOffBy: String? = nil) {
        self.regionCode = regionCode
        self.by = by
        self.deadline = deadline
        self.signedOffBy = signedOffBy
    }
}

/// One enforcement measure as the case's closure sees it.
public struct MeasureStatus: Sendable, Hashable, Codable {
    public var kind: MeasureKind
    public var id: Int64
    public var finished: Bool

    public init(kind: MeasureKind, id: Int64, finished: Bool) {
        self.kind = kind
        self.id = id
        self.finished = finished
    }
}

/// The kinds of enforcement measure.
public enum MeasureKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// 追回
    case recovery
    /// 冻结
    case freeze
    /// 黑名单
    case blacklist
    /// 移送司法
    case referral

    public var chinese: String {
        switch self {
        case .recovery: "追回"
        case .freeze: "冻结"
        case .blacklist: "黑名单"
        case .referral: "移送司法"
        }
    }
}
