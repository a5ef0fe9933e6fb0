public import FundWatchCore

/// What the timelines say about one institution: the tallies its features are ratios of.
public struct InstitutionActivity: Sendable, Hashable {
    public enum Role: String, Sendable { case medical, employer }

    public let institutionID: String
    public let role: Role
    /// Where most of its activity is (its settlements' or enrollments' most common region).
    public var regionCode: String?
    var settlements = 0
    var patients = Set<IDNumber>()
    var zSum = 0.0
    var zCount = 0
    var outliers = 0
    var stays = 0
    var readmissions = 0
    var afterDeath = 0
    var offSite = 0
    var staff = Set<IDNumber>()
    var taxed = Set<IDNumber>()
    var contributions = 0
    var backPayments = 0
    var injuryClaims = 0
    var pensioners = Set<IDNumber>()
    var regionVotes = [String: Int]()

    init(institutionID: String, role: Role) {
        self.institutionID = institutionID
        self.role = role
    }

    /// Every institution seen in the timelines (medical institutions from settlements,
    /// employers from enrollments, contributions, tax records and injury claims), in id order.
    public static func collect(_ timelines: [PersonTimeline], context: PopulationContext) -> [InstitutionActivity] {
        var medical = [String: InstitutionActivity]()
        var employers = [String: InstitutionActivity]()
        func employer(_ id: String) -> InstitutionActivity {
            employers[id] ?? InstitutionActivity(institutionID: id, role: .employer)
        }
        for t in timelines {
            let death = t.deathDate
            let isPensioner = t.payments.contains { $0.benefit == .pension && $0.amount > .zero }
            for (i, s) in t.settlements.enumerated() {
                var a = medical[s.institutionID] ?? InstitutionActivity(institutionID: s.institutionID, role: .medical)
                a.settlements += 1
                a.patients.insert(t.idNumber)
                if let z = context.settlementBaselines[s.visit]?.z(fen: s.fundAmount.fen), !z.isNaN {
                    a.zSum += z
                    a.zCount += 1
                    if z > 3.5 { a.outliers += 1 }
                }
                if s.visit == .inpatient {
                    a.stays += 1
                    if let out = s.dischargeDate,
                        t.settlements[(i + 1)...].contains(where: {
                            $0.institutionID == s.institutionID && (0...1).contains(out.days(to: $0.admissionDate))
                        })
                    {
                        a.readmissions += 1
                    }
                }
                if let death, s.admissionDate > death { a.afterDeath += 1 }
                if s.offSite { a.offSite += 1 }
                if let r = s.regionCode { a.regionVotes[r, default: 0] += 1 }
                medical[s.institutionID] = a
            }
            for e in t.enrollments {
                guard let id = e.employerID, !id.isEmpty else { continue }
                var a = employer(id)
                a.staff.insert(t.idNumber)
                if isPensioner { a.pensioners.insert(t.idNumber) }
                a.regionVotes[e.regionCode, default: 0] += 1
                employers[id] = a
            }
            for c in t.contributions {
                guard let id = c.employerID, !id.isEmpty else { continue }
                var a = employer(id)
                a.staff.insert(t.idNumber)
                a.contributions += 1
                if c.backPayment { a.backPayments += 1 }
                employers[id] = a
            }
            for e in t.employment {
                var a = employer(e.employerID)
                a.taxed.insert(t.idNumber)
                employers[e.employerID] = a
            }
            for c in t.injuryClaims {
                var a = employer(c.employerID)
                a.injuryClaims += 1
                employers[c.employerID] = a
            }
        }
        var all = Array(medical.values) + Array(employers.values)
        for i in all.indices {
            all[i].regionCode = all[i].regionVotes.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
        }
        return all.sorted { ($0.role.rawValue, $0.institutionID) < ($1.role.rawValue, $1.institutionID) }
    }
}
