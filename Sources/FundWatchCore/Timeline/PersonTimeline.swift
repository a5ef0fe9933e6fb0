/// Everything known about one person, from every source, ordered in time, with the questions
/// audit rules ask of it.
///
/// A timeline is a value: built once from the records of one ID number, then read by rules
/// without further I/O. Each record array is kept sorted by its date or period.
public struct PersonTimeline: Sendable, Hashable, Codable {
    public let idNumber: IDNumber
    /// The registered person; nil when only other departments know the number.
    public var person: Person?
    public var enrollments: [Enrollment]
    public var contributions: [Contribution]
    public var payments: [BenefitPayment]
    public var settlements: [MedicalSettlement]
    public var injuryClaims: [InjuryClaim]
    public var deaths: [DeathRecord]
    public var custody: [CustodyRecord]
    public var employment: [EmploymentRecord]
    public var bankAccounts: [BankAccount]
    public var qualificationChecks: [QualificationCheck]

    public init(
        idNumber: IDNumber, person: Person? = nil, enrollments: [Enrollment] = [], contributions: [Contribution] = [],
        payments: [BenefitPayment] = [], settlements: [MedicalSettlement] = [], injuryClaims: [InjuryClaim] = [],
        deaths: [DeathRecord] = [], custody: [CustodyRecord] = [], employment: [EmploymentRecord] = [],
        bankAccounts: [BankAccount] = [], qualificationChecks: [QualificationCheck] = []
    ) {
        self.idNumber = idNumber
        self.person = person
        self.enrollments = enrollments.sorted(by: Order.enrollments)
        self.contributions = contributions.sorted(by: Order.contributions)
        self.payments = payments.sorted(by: Order.payments)
        self.settlements = settlements.sorted(by: Order.settlements)
        self.injuryClaims = injuryClaims.sorted(by: Order.injuryClaims)
        self.deaths = deaths.sorted(by: Order.deaths)
        self.custody = custody.sorted(by: Order.custody)
        self.employment = employment.sorted(by: Order.employment)
        self.bankAccounts = bankAccounts.sorted(by: Order.bankAccounts)
        self.qualificationChecks = qualificationChecks.sorted(by: Order.qualificationChecks)
    }

    /// Adds any canonical record about this person to the right list. Records about others and
    /// records with no person (institutions, staff) are ignored and reported as `false`.
    @discardableResult
    public mutating func add(_ record: any CanonicalRecord) -> Bool {
        guard record.subjectID == idNumber else { return false }
        switch record {
        case let r as Person: person = r
        case let r as Enrollment: enrollments.append(r)
        case let r as Contribution: contributions.append(r)
        case let r as BenefitPayment: payments.append(r)
        case let r as MedicalSettlement: settlements.append(r)
        case let r as InjuryClaim: injuryClaims.append(r)
        case let r as DeathRecord: deaths.append(r)
        case let r as CustodyRecord: custody.append(r)
        case let r as EmploymentRecord: employment.append(r)
        case let r as BankAccount: bankAccounts.append(r)
        case let r as QualificationCheck: qualificationChecks.append(r)
        default: return false
        }
        return true
    }

    /// Restores the time order after `add`.
    public func sorted() -> PersonTimeline {
        PersonTimeline(
            idNumber: idNumber, person: person, enrollments: enrollments, contributions: contributions, payments: payments,
            settlements: settlements, injuryClaims: injuryClaims, deaths: deaths, custody: custody, employment: employment,
            bankAccounts: bankAccounts, qualificationChecks: qualificationChecks)
    }
}

extension PersonTimeline {
    /// The birth date: the registered one, else the one in the ID number.
    public var birthDate: CivilDate { person?.birthDate ?? idNumber.birthDate }

    /// The sex: the registered one, else the one in the ID number.
    public var sex: Sex { person?.sex ?? idNumber.sex }

    /// Completed years of age on `date`.
    public func age(at date: CivilDate) -> Int { birthDate.age(on: date) }

    /// The earliest registered death date from any department, if any.
    public var deathDate: CivilDate? { deaths.first?.deathDate }

    /// Whether no department has registered a death on or before `date`.
    public func isAlive(at date: CivilDate) -> Bool { deathDate.map { date < $0 } ?? true }

    /// Whether the person was in custody on `date`.
    public func isInCustody(at date: CivilDate) -> Bool { custody.contains { $0.covers(date) } }

    /// The custody record covering `date`, if any.
    public func custodyRecord(at date: CivilDate) -> CustodyRecord? { custody.first { $0.covers(date) } }

    /// The enrollments in `insurance` that cover `date`.
    public func enrollments(in insurance: Insurance, at date: CivilDate) -> [Enrollment] {
        enrollments.filter { $0.insurance == insurance && $0.covers(date) }
    }

    /// Whether the person was enrolled in `insurance` on `date`.
    public func isEnrolled(in insurance: Insurance, at date: CivilDate) -> Bool {
        enrollments.contains { $0.insurance == insurance && $0.covers(date) }
    }

    /// Distinct months with a contribution to `insurance`, up to and including `period`.
    public func monthsPaid(in insurance: Insurance, through period: Period? = nil) -> Int {
        var months = Set<Int>()
        for c in contributions where c.insurance == insurance && c.amount > .zero {
            if let limit = period, c.period > limit { continue }
            months.insert(c.period.index)
        }
        return months.count
    }

    /// Benefit payments of one kind, in period order.
    public func payments(of benefit: Benefit) -> [BenefitPayment] { payments.filter { $0.benefit == benefit } }

    /// Whether the tax bureau knows employment income in `period`.
    public func isEmployed(in period: Period) -> Bool { employment.contains { $0.period == period } }

    /// The statutory retirement month, for the given category or the default one for the sex.
    public func retirementPeriod(category: RetirementCategory? = nil) -> Period {
        RetirementPolicy.retirementPeriod(born: birthDate.period, category: category ?? RetirementPolicy.defaultCategory(for: sex))
    }

    /// The date of the latest survival verification on or before `date`.
    public func lastVerifiedAlive(onOrBefore date: CivilDate) -> CivilDate? {
        qualificationChecks.last { $0.checkDate <= date }?.checkDate
    }

    /// Every dated event in time order, for display and for rules that walk the history.
    public var events: [TimelineEvent] {
        var out = [TimelineEvent]()
        out.append(TimelineEvent(date: birthDate, kind: .birth, summary: "出生"))
        for e in enrollments {
            out.append(TimelineEvent(date: e.startDate, kind: .enrollment, summary: "参保：\(e.insurance.chinese)"))
            if let end = e.endDate { out.append(TimelineEvent(date: end, kind: .enrollment, summary: "终止参保：\(e.insurance.chinese)")) }
        }
        for c in contributions {
            out.append(TimelineEvent(date: c.paidDate ?? c.period.lastDay, kind: .contribution,
                summary: "缴费 \(c.period) \(c.insurance.chinese) \(c.amount)元\(c.backPayment ? "（补缴）" : "")"))
        }
        for p in payments {
            out.append(TimelineEvent(date: p.payDate ?? p.period.lastDay, kind: .payment, summary: "发放 \(p.period) \(p.benefit.chinese) \(p.amount)元"))
        }
        for s in settlements {
            out.append(TimelineEvent(date: s.admissionDate, kind: .medical, summary: "\(s.visit.chinese) \(s.institutionID) 统筹支付 \(s.fundAmount)元"))
        }
        for i in injuryClaims {
            out.append(TimelineEvent(date: i.injuryDate, kind: .injury, summary: "工伤 \(i.claimID)，\(i.claimDate) 申报"))
        }
        for d in deaths { out.append(TimelineEvent(date: d.deathDate, kind: .death, summary: "死亡（\(d.source.chinese)登记）")) }
        for c in custody {
            out.append(TimelineEvent(date: c.startDate, kind: .custody, summary: "\(c.kind.chinese)开始"))
            if let end = c.endDate { out.append(TimelineEvent(date: end, kind: .custody, summary: "\(c.kind.chinese)结束")) }
        }
        for e in employment {
            out.append(TimelineEvent(date: e.period.lastDay, kind: .employment, summary: "就业 \(e.period) \(e.employerID)"))
        }
        for q in qualificationChecks {
            out.append(TimelineEvent(date: q.checkDate, kind: .verification, summary: "资格认证（\(q.method.chinese)）"))
        }
        return out.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
    }
}

/// One dated line of a person's history.
public struct TimelineEvent: Hashable, Sendable, Codable {
    /// What kind of event it is.
    public enum Kind: String, Sendable, Codable {
        case birth, enrollment, contribution, payment, medical, injury, death, custody, employment, verification
    }

    public let date: CivilDate
    public let kind: Kind
    /// A one-line description in Chinese.
    public let summary: String
}
