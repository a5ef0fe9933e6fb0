/// Computes `InstitutionFeature`s from an institution's activity.
public struct InstitutionFeatureExtractor: FeatureExtractor {
    public typealias Subject = InstitutionActivity

    public init() {}

    public var definitions: [FeatureDefinition] { InstitutionFeature.allCases.map(\.definition) }

    public func values(for a: InstitutionActivity) -> [Double] {
        var v = [Double](repeating: .nan, count: InstitutionFeature.allCases.count)
        func share(_ part: Int, _ whole: Int) -> Double { whole > 0 ? Double(part) / Double(whole) : .nan }
        switch a.role {
        case .medical:
            v[InstitutionFeature.settlements.rawValue] = Double(a.settlements)
            v[InstitutionFeature.patients.rawValue] = Double(a.patients.count)
            v[InstitutionFeature.meanSettlementRobustZ.rawValue] = a.zCount > 0 ? a.zSum / Double(a.zCount) : .nan
            v[InstitutionFeature.outlierSettlementShare.rawValue] = share(a.outliers, a.zCount)
            v[InstitutionFeature.readmissionShare.rawValue] = share(a.readmissions, a.stays)
            v[InstitutionFeature.afterDeathShare.rawValue] = share(a.afterDeath, a.settlements)
            v[InstitutionFeature.offSiteShare.rawValue] = share(a.offSite, a.settlements)
        case .employer:
            v[InstitutionFeature.insuredStaff.rawValue] = Double(a.staff.count)
            v[InstitutionFeature.taxedShare.rawValue] = share(a.taxed.intersection(a.staff).count, a.staff.count)
            v[InstitutionFeature.backPaymentShare.rawValue] = share(a.backPayments, a.contributions)
            v[InstitutionFeature.injuryClaimsPerHundredStaff.rawValue] =
                a.staff.isEmpty ? .nan : 100 * Double(a.injuryClaims) / Double(a.staff.count)
            v[InstitutionFeature.pensionersShare.rawValue] = share(a.pensioners.count, a.staff.count)
        }
        return v
    }
}
