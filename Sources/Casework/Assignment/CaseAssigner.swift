/// Assigns a new case to a staff member of the case's region by workload and specialty, and
/// says why: simple rules a person can check (the workforce module will refine them).
///
/// Candidates are the staff of the case's own region (its county, or the city for a city-level
/// case). Those whose specialty matches the case's come first; among them the one with the
/// fewest open cases; a tie goes to the smaller staff id, so the choice repeats.
public struct CaseAssigner: Sendable {
    /// A staff member as assignment sees them.
    public struct Candidate: Sendable, Hashable {
        public var staffID: String
        public var regionCode: String
        /// e.g. `pension`, `medical`; nil for a generalist.
        public var specialty: String?
        /// Open cases the person has now.
        public var openCases: Int

        public init(staffID: String, regionCode: String, specialty: String?, openCases: Int) {
            self.staffID = staffID
            self.regionCode = regionCode
            self.specialty = specialty
            self.openCases = openCases
        }
    }

    /// The choice and its reason.
    public struct Assignment: Sendable, Hashable {
        public var staffID: String
        public var reason: String
    }

    public init() {}

    /// Picks the assignee for a case in `regionCode` needing `specialty`, or refuses when the
    /// region has nobody.
    public func assign(
        regionCode: String, specialty: String?, among candidates: [Candidate]
    ) -> Result<Assignment, CaseRefusal> {
        let local = candidates.filter { $0.regionCode == regionCode }
        guard !local.isEmpty else {
            return .failure(CaseRefusal(.noStaff, "地区 \(regionCode) 没有可分派的稽核人员，请先在人员库中登记"))
        }
        let matching = specialty.map { s in local.filter { $0.specialty == s } } ?? []
        let pool = matching.isEmpty ? local : matching
        let best = pool.min { ($0.openCases, $0.staffID) < ($1.openCases, $1.staffID) }!
        var reason = "同区县在办案件最少：\(best.openCases) 件"
        if !matching.isEmpty, let specialty {
            reason = "专长匹配（\(specialty)）；" + reason
        } else if let specialty {
            reason = "本地区无“\(specialty)”专长人员；" + reason
        }
        return .success(Assignment(staffID: best.staffID, reason: reason))
    }
}
