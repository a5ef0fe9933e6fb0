import HTTPTypes
import Storage

extension CollaborationController {
    /// 404 (JSON under `/api`) unless `caseID` names a case inside the caller's region: requests
    /// and clues are tied to cases the caller may see, never to a number nobody holds.
    func requireCase(_ caseID: String, _ identity: Identity) async throws {
        guard try await database.storedCase(id: caseID, in: identity.scope) != nil else {
            throw AppError(.notFound, code: "not_found", "案件 \(caseID) 不存在或不在您的辖区内；请从本辖区的案件发起")
        }
    }
}
