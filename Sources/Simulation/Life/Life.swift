import FundWatchCore

/// Everything planned about one person before their rows are written: identity, work,
/// pension, death, custody, and whatever fraud or noise was planted on them.
struct Life: Sendable {
    enum Work: UInt8, Sendable { case child, student, none, resident, employee }
    enum PensionKind: UInt8, Sendable { case employee, resident }

    /// A job: employer, start, and end (job loss or retirement). `enrolled` is false for the
    /// undeclared jobs of planted unemployment fraud.
    struct Job: Sendable {
        var employer: String
        var start: CivilDate
        var end: CivilDate?
        var enrolled: Bool
    }

    struct Pension: Sendable {
        var kind: PensionKind
        var start: Period
        /// Monthly amount in fen in the window's first year (raised 2 % each January).
        var amount: Int64
        /// The account it is paid into (the person's own, a spouse's, or a collector's).
        var account: [UInt8]
    }

    struct Custody: Sendable {
        var start: CivilDate
        var end: CivilDate?
        var kind: CustodyKind
    }

    struct Injury: Sendable {
        var employer: String
        var date: CivilDate
        var claimDate: CivilDate
        var amount: Int64
    }

    struct PlannedEnrollment: Sendable {
        var insurance: Insurance
        var region: [UInt8]
        var start: CivilDate
        var employer: String?
        var end: CivilDate?
    }

    struct PlannedContribution: Sendable {
        var insurance: Insurance
        var period: Period
        var base: Int64
        var amount: Int64
        var employer: String?
        var paid: CivilDate
        var backPayment: Bool
    }

    struct PlannedPayment: Sendable {
        var benefit: Benefit
        var period: Period
        var amount: Int64
        var payDate: CivilDate
        var account: [UInt8]
        var region: [UInt8]
        var operatorID: String
    }

    struct PlannedSettlement: Sendable {
        var institution: String
        var region: [UInt8]
        var visit: VisitKind
        var admission: CivilDate
        var discharge: CivilDate?
        var total: Int64
        var fund: Int64
        var diagnosis: String
        var offSite: Bool
    }

    struct PlannedAccount: Sendable {
        var account: [UInt8]
        var bank: Int
        var opened: CivilDate
    }

    /// The 18-character ID number as bytes.
    var id: [UInt8]
    /// The 15-digit form, used in other departments' rows when the 15-digit noise is planted.
    var id15: [UInt8]?
    var name: String
    var county: Int
    var address: String
    var phone: String?
    var account: PlannedAccount?
    var work: Work
    var category: RetirementCategory
    /// The statutory retirement month for the person's category.
    var retirement: Period
    var job: Job?
    var secondJob: Job?
    /// Monthly wage in fen.
    var wage: Int64 = 0
    var injuryInsured = true
    /// Unemployment benefit months after the first job ended.
    var unemploymentMonths = 0
    var pension: Pension?
    /// Start of resident medical (and, for residents, pension) insurance.
    var residentStart: CivilDate
    var death: CivilDate?
    /// Departments that registered the death, with the delay in days before each did.
    var deathRegistrations: [(source: DeathSource, delay: Int)] = []
    var custody: Custody?
    var injury: Injury?
    /// Maternity allowance: the month it is paid and the amount in fen.
    var maternity: (period: Period, amount: Int64)?

    // Planted fraud and noise.
    var schemes: [(scheme: String, first: Period)] = []
    var planted = false
    var pensionAfterDeath = false
    var largePayment: (period: Period, amount: Int64)?
    var neverVerified = false
    var deathName: String?
    var duplicateRows = false
    var extraEnrollments: [PlannedEnrollment] = []
    var extraContributions: [PlannedContribution] = []
    var extraPayments: [PlannedPayment] = []
    var extraSettlements: [PlannedSettlement] = []
    var extraEmployment: [(employer: String, period: Period, income: Int64)] = []
    var extraAccounts: [PlannedAccount] = []
    /// Pension months paid after a late-registered death and then reversed.
    var reversedAfterDeath = false

    /// The ID bytes other departments write (the 15-digit form when that noise is planted).
    var departmentID: [UInt8] { id15 ?? id }

    /// Whether the person's first job is active in a month.
    func jobActive(_ job: Job, in p: Period) -> Bool {
        job.start.period <= p && (job.end.map { p <= $0.period } ?? true)
    }
}
