import Collaboration
import Foundation
import FundWatchCore

/// Small fixtures shared by the collaboration tests.
enum Fixtures {
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)  // 2026-09-21
    static let day: TimeInterval = 86_400
    /// A valid ID number born in 历下区.
    static let idNumber = IDNumber(region: "370102", birthDate: CivilDate(year: 1950, month: 3, day: 1)!, sequence: 11).value

    static func draft(
        kind: VerificationKind = .deathStatus, department: Department = .civilAffairs
    ) throws -> VerificationRequest {
        try VerificationRequest.draft(
            caseID: "CASE-1", kind: kind, department: department, senderRegion: "370102", addresseeRegion: "370202",
            subject: SubjectPerson(idNumber: idNumber, name: "张三丰"), questions: [], createdBy: "user/lixia.auditor",
            at: t0)
    }

    static func deathAnswer(_ status: DeathStatus = .dead(on: CivilDate(year: 2026, month: 5, day: 3)!)) -> VerificationAnswer {
        VerificationAnswer(
            finding: .death(status), officer: "王警官", sourceDocument: "火化证明 No.2026-0503-17", answeredAt: .distantPast)
    }

    static func date(_ text: String) -> CivilDate { CivilDate(text)! }
}
