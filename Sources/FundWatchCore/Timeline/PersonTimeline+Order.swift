extension PersonTimeline {
    /// The order each record list of a timeline is kept in (its date or period, then a
    /// tie-breaker so equal dates keep one order), named once so that code inserting into an
    /// already sorted timeline, such as the pre-payment check, uses the very order `init` sorts by.
    public enum Order {
        @inlinable public static func enrollments(_ a: Enrollment, _ b: Enrollment) -> Bool {
            (a.startDate, a.insurance.rawValue) < (b.startDate, b.insurance.rawValue)
        }
        @inlinable public static func contributions(_ a: Contribution, _ b: Contribution) -> Bool {
            (a.period, a.insurance.rawValue) < (b.period, b.insurance.rawValue)
        }
        @inlinable public static func payments(_ a: BenefitPayment, _ b: BenefitPayment) -> Bool {
            (a.period, a.paymentID) < (b.period, b.paymentID)
        }
        @inlinable public static func settlements(_ a: MedicalSettlement, _ b: MedicalSettlement) -> Bool {
            (a.admissionDate, a.settlementID) < (b.admissionDate, b.settlementID)
        }
        @inlinable public static func injuryClaims(_ a: InjuryClaim, _ b: InjuryClaim) -> Bool {
            a.injuryDate < b.injuryDate
        }
        @inlinable public static func deaths(_ a: DeathRecord, _ b: DeathRecord) -> Bool { a.deathDate < b.deathDate }
        @inlinable public static func custody(_ a: CustodyRecord, _ b: CustodyRecord) -> Bool { a.startDate < b.startDate }
        @inlinable public static func employment(_ a: EmploymentRecord, _ b: EmploymentRecord) -> Bool {
            (a.period, a.employerID) < (b.period, b.employerID)
        }
        @inlinable public static func bankAccounts(_ a: BankAccount, _ b: BankAccount) -> Bool { a.account < b.account }
        @inlinable public static func qualificationChecks(_ a: QualificationCheck, _ b: QualificationCheck) -> Bool {
            a.checkDate < b.checkDate
        }
    }
}
