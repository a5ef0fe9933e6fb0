import Casework
public import Foundation

/// A person's label from a decided case: what retraining learns from.
public struct CaseOutcomeLabel: Sendable, Hashable {
    public var idNumber: String
    /// 1 when the case confirmed fraud, 0 when it was dismissed or found nothing wrong.
    public var label: Double
    /// When the label became final: the case's last change, which for a closed or dismissed
    /// case is its closing or dismissal (a dismissal has no decision time of its own).
    public var decidedAt: Date?
}

extension FundWatchDatabase {
    /// Labels from the closed and dismissed cases about a person, read through the casework
    /// API: confirmed fraud is 1; a dismissal or "no issue" is 0; an operator error (not fraud,
    /// not innocent either) gives no label. A person with several decided cases is 1 when any
    /// confirmed fraud.
    public func caseOutcomeLabels() async throws -> [CaseOutcomeLabel] {
        guard let nation = RegionScope(code: RegionScope.nationCode) else { return [] }
        var byPerson: [String: CaseOutcomeLabel] = [:]
        for state in [CaseState.closed, .dismissed] {
            var offset = 0
            while true {
                let page = try await cases(in: nation, filter: CaseFilter(state: state, limit: 1000, offset: offset))
                for decided in page {
                    guard let person = decided.personIDNumber else { continue }
                    let label: Double
                    switch (state, decided.outcome) {
                    case (_, .confirmedFraud?): label = 1
                    case (.dismissed, _), (_, .noIssue?): label = 0
                    default: continue
                    }
                    if let earlier = byPerson[person], earlier.label >= label { continue }
                    byPerson[person] = CaseOutcomeLabel(idNumber: person, label: label, decidedAt: decided.updatedAt)
                }
                if page.count < 1000 { break }
                offset += page.count
            }
        }
        return byPerson.values.sorted { $0.idNumber < $1.idNumber }
    }
}
