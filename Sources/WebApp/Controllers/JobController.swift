import HTTPTypes
import Foundation
import Hummingbird
import Storage

/// In-server jobs (see `JobRunner`): an admin starts an audit, or an import of a folder in the
/// data folder's inbox, from the admin page or the API, and follows its status.
struct JobController: Sendable {
    let runner: JobRunner
    let database: FundWatchDatabase
    let pages: PageRenderer

    func addRoutes(pages router: Router<AppRequestContext>, api: RouterGroup<AppRequestContext>) {
        router.post("/admin/jobs", use: submitFromForm)
        api.get("/admin/jobs", use: list)
        api.post("/admin/jobs", use: submitFromJSON)
        api.get("/admin/jobs/:id", use: show)
        router.post("/admin/jobs/:id/cancel", use: cancelFromForm)
        api.post("/admin/jobs/:id/cancel", use: cancelFromJSON)
    }

    /// A job as the page and the API show it.
    struct JobRow: Sendable, Codable {
        let id: Int64
        let kind: String
        let kindLabel: String
        let folder: String?
        let status: String
        let statusLabel: String
        let requestedBy: String
        let createdAt: String
        let startedAt: String?
        let finishedAt: String?
        let message: String?
        /// Queued or running: the page offers to cancel it.
        let cancellable: Bool
        /// A stop was asked and the job has not reached a point where it can stop yet.
        let cancelRequested: Bool

        init(_ job: ServerJob, cancelRequested: Bool = false) {
            id = job.id
            kind = job.kind.rawValue
            kindLabel = job.kind == .audit ? "批量稽核" : "导入"
            folder = job.argument
            status = job.status.rawValue
            let label: String =
                switch job.status {
                case .queued: "排队中"
                case .running: "运行中"
                case .succeeded: "已完成"
                case .failed: "失败"
                case .cancelled: "已取消"
                }
            statusLabel = label + (cancelRequested && !job.status.isFinished ? "（正在取消）" : "")
            requestedBy = job.requestedBy
            createdAt = WebTimeText.format(job.createdAt)
            startedAt = job.startedAt.map(WebTimeText.format)
            finishedAt = job.finishedAt.map(WebTimeText.format)
            message = job.message
            cancellable = !job.status.isFinished && !cancelRequested
            self.cancelRequested = cancelRequested
        }
    }

    static func requireRunner(_ context: AppRequestContext) throws -> Identity {
        try context.require(\.runsJobs, tokenScope: "admin")
    }

    static func kind(_ text: String?) throws -> ServerJob.Kind {
        guard let text, let kind = ServerJob.Kind(rawValue: text) else {
            throw AppError(.unprocessableContent, code: "invalid_kind", "任务类型须为 audit（批量稽核）或 import（导入）")
        }
        return kind
    }

    func submitFromForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try Self.requireRunner(context)
        let form = try await FormBody.parse(request, context: context)
        try CSRF.check(identity, request: request, form: form)
        do {
            let job = try await runner.submit(kind: try Self.kind(form["kind"]), folder: form["folder"], by: identity)
            _ = job
            return Response.redirect(to: "/admin#jobs", type: .normal)
        } catch let error as AppError where error.status != .unauthorized {
            return pages.render(
                "error", title: "任务未启动", identity: identity,
                page: PageRenderer.ErrorView(status: Int(error.status.code), message: error.message), status: error.status)
        }
    }

    struct JobList: Encodable {
        let jobs: [JobRow]
        /// Folders in `DATA/inbox` an import can name.
        let inbox: [String]
    }

    func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try Self.requireRunner(context)
        return JSONOutput.response(
            JobList(jobs: try await database.jobs().map(row), inbox: runner.inboxFolders()))
    }

    func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try Self.requireRunner(context)
        guard let id = context.parameters.get("id", as: Int64.self), let job = try await database.job(id: id) else {
            throw AppError.notFound
        }
        return JSONOutput.response(row(job))
    }

    /// A job's row with whether a stop was asked of it.
    func row(_ job: ServerJob) -> JobRow { JobRow(job, cancelRequested: runner.isCancelRequested(job.id)) }

    func cancelFromForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try Self.requireRunner(context)
        let form = try await FormBody.parse(request, context: context)
        try CSRF.check(identity, request: request, form: form)
        guard let id = context.parameters.get("id", as: Int64.self) else { throw AppError.notFound }
        do {
            _ = try await runner.cancel(id, by: identity)
            return Response.redirect(to: "/admin#jobs", type: .normal)
        } catch let error as AppError where error.status != .unauthorized {
            return pages.render(
                "error", title: "任务未能取消", identity: identity,
                page: PageRenderer.ErrorView(status: Int(error.status.code), message: error.message), status: error.status)
        }
    }

    /// `POST /api/v1/admin/jobs/{id}/cancel`: 202 with the job as it is now; follow it until it
    /// ends `cancelled` (or, if it was past its commit point, `succeeded`). 409 when already ended.
    func cancelFromJSON(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try Self.requireRunner(context)
        try CSRF.check(identity, request: request, form: nil)
        guard let id = context.parameters.get("id", as: Int64.self) else { throw AppError.notFound }
        let job = try await runner.cancel(id, by: identity)
        var response = JSONOutput.response(row(job), status: .accepted)
        response.headers[.location] = "/api/v1/admin/jobs/\(id)"
        return response
    }

    func submitFromJSON(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try Self.requireRunner(context)
        try CSRF.check(identity, request: request, form: nil)
        struct In: Decodable {
            let kind: String
            let folder: String?
        }
        let input = try await AdminController.decode(
            In.self, request, context: context, hint: "{\"kind\": \"audit\"|\"import\", \"folder\": \"收件箱中的目录名\"}")
        let job = try await runner.submit(kind: try Self.kind(input.kind), folder: input.folder, by: identity)
        var response = JSONOutput.response(JobRow(job), status: .accepted)
        response.headers[.location] = "/api/v1/admin/jobs/\(job.id)"
        return response
    }
}
