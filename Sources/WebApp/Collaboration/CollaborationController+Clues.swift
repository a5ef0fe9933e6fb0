import Collaboration
import Casework
import Foundation
import FundWatchCore
import Hummingbird
import Storage

extension CollaborationController {
    struct ClueList: Encodable {
        let clues: [ClueView]
        let count: Int
    }

    /// The clues into and out of the caller's subtree (`?direction=incoming|outgoing`, `?state=`).
    func listClues(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsFindings)
        let q = request.uri.queryParameters
        let direction = try q.get("direction").flatMap { $0.isEmpty ? nil : $0 }.map { text in
            guard let d = FundWatchDatabase.ClueDirection(rawValue: text) else {
                throw AppError.badRequest("direction 只能是 incoming、outgoing 或 all")
            }
            return d
        } ?? .all
        let state = try q.get("state").flatMap { $0.isEmpty ? nil : $0 }.map { text in
            guard let s = ClueState(rawValue: text) else {
                throw AppError.badRequest("未知的线索状态 \(text)：可用 \(ClueState.allCases.map(\.rawValue).joined(separator: "、"))")
            }
            return s
        }
        let clues = try await database.clues(in: identity.scope, direction: direction, state: state)
        return JSONOutput.response(ClueList(clues: clues.map { ClueView($0, scope: identity.scope) }, count: clues.count))
    }

    func clueDetail(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsFindings)
        guard let clue = try await database.clue(id: try id(context), in: identity.scope) else { throw AppError.notFound }
        struct Detail: Encodable {
            let clue: ClueView
            let history: [CollaborationEvent]
        }
        return JSONOutput.response(
            Detail(
                clue: ClueView(clue, scope: identity.scope),
                history: try await database.collaborationEvents(object: "clue", id: String(clue.id))))
    }

    struct SendClueInput: Decodable {
        let toRegion: String
        let fromRegion: String?
        let subject: SubjectPerson
        let summary: String
        let ruleId: String?
        let sourceReference: String?
        let amountFen: Int64?
    }

    /// Sends a clue from the caller's region (or a region in their subtree) to another region's queue.
    func sendClue(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.worksAlerts, tokenScope: "clues:write")
        try CSRF.check(identity, request: request, form: nil)
        let input = try await CollaborationBody.decode(
            SendClueInput.self, from: request, context: context,
            example: #"{"to_region": "370202", "subject": {"id_number": "…"}, "summary": "…"}"#)
        return try await collaborationStep {
            let clue = try ClueTransfer.send(
                from: input.fromRegion ?? identity.user.regionCode, to: input.toRegion, subject: input.subject,
                summary: input.summary, ruleID: input.ruleId, sourceReference: input.sourceReference,
                amountFen: input.amountFen, by: identity.user.actor, at: clock.now(), catalog: regions)
            let stored = try await database.sendClue(clue, scope: identity.scope, at: clock.now(), trail: trail)
            return JSONOutput.response(ClueView(stored, scope: identity.scope), status: .created)
        }
    }

    struct ClueActionInput: Decodable {
        let action: String
        let caseId: String?
        let reason: String?
        let expectedVersion: Int?
    }

    /// The receiver's `accept` (optionally with the case it opened) or `return` (with a reason);
    /// the sender's `withdraw`.
    func actOnClue(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.worksAlerts, tokenScope: "clues:write")
        try CSRF.check(identity, request: request, form: nil)
        let clueID = try id(context)
        let input = try await CollaborationBody.decode(
            ClueActionInput.self, from: request, context: context, example: #"{"action": "return", "reason": "…"}"#)
        // Accepting without naming an existing case opens one in the receiving region, in the
        // same transaction, for a caller who works cases.
        if input.action == "accept", (input.caseId ?? "").isEmpty, let actor = try? identity.caseActor() {
            return try await collaborationStep {
                let (clue, _) = try await answeringRefusals {
                    try await database.acceptClueOpeningCase(
                        id: clueID, by: actor, scope: identity.scope, expectedVersion: input.expectedVersion,
                        at: clock.now(), trail: trail)
                }
                return JSONOutput.response(ClueView(clue, scope: identity.scope))
            }
        }
        let event: ClueWorkflow.Event
        switch input.action {
        case "accept":
            // The case named must be one the receiver holds.
            if let caseID = input.caseId, !caseID.isEmpty { try await requireCase(caseID, identity) }
            event = .accept(caseID: input.caseId)
        case "return": event = .giveBack(reason: input.reason ?? "")
        case "withdraw": event = .withdraw(reason: input.reason ?? "")
        default: throw AppError.badRequest("未知的操作 \(input.action)：可用 accept、return、withdraw")
        }
        return try await collaborationStep {
            let clue = try await database.applyClue(
                event, toClue: clueID, by: identity.user.actor, scope: identity.scope,
                expectedVersion: input.expectedVersion, at: clock.now(), trail: trail)
            return JSONOutput.response(ClueView(clue, scope: identity.scope))
        }
    }
}
