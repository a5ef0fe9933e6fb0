import Casework
import Foundation
import HTTPTypes
import Hummingbird
import Storage

/// The case page's enforcement forms: recovery (plan, payments, a write-off proposed by one
/// person and approved by another), freeze, blacklist and judicial referral. They go through
/// the same store call as `POST /api/v1/cases/{id}/measures`, carry the case version the page
/// showed (a stale one is refused with 已被他人修改 and nothing is written), and show any
/// refusal on the case's own page in Chinese.
extension CaseController {
    func measureFromForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.require(\.readsCases, tokenScope: "cases:write")
        let form = try await FormBody.parse(request, context: context)
        try CSRF.check(identity, request: request, form: form)
        let stored = try await load(context, identity)
        do {
            let actor = try identity.caseActor()
            guard let expected = form["expected_version"].flatMap({ Int64($0) }) else {
                throw AppError.badRequest("表单缺少案件版本，请刷新页面后重试")
            }
            let command = try CaseMeasureForm.command(form, case: stored)
            try await database.applyMeasure(
                command, caseID: stored.id, expectedVersion: expected, by: actor, in: identity.scope, at: clock.now(), trail: trail)
            return Response.redirect(to: "/cases/\(stored.id)#measures", type: .normal)
        } catch let refusal as CaseRefusal {
            // A measure the case does not have is a mistake on the form, not a missing page.
            let status = refusal.code == .notFound ? .unprocessableContent : AppError.from(refusal).status
            let current = try await load(context, identity)
            return try await renderDetail(current, identity: identity, message: refusal.reason, status: status)
        } catch let error as AppError where error.status != .notFound {
            return try await renderDetail(stored, identity: identity, message: error.message, status: error.status)
        }
    }
}
