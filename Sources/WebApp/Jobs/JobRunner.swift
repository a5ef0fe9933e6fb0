import HTTPTypes
import AuditRules
import Foundation
import FundWatchCore
import Logging
import Storage
import Synchronization

/// Runs audits and imports inside the server process, one at a time, in the background.
///
/// The server holds the data folder's ledger exclusively, so `fundwatch audit` and `import`
/// cannot run beside it; rather than have the CLI talk to the server, an admin starts the job
/// here and watches its status (the simplest design that is robust: no second writer, no
/// protocol between processes, the job's state in the database). A job left queued or running
/// by a server that stopped is marked failed at the next start. Imports read only folders
/// under the data folder's `inbox/`, so an admin cannot make the server read arbitrary paths.
final class JobRunner: Sendable {
    let database: FundWatchDatabase
    let trail: AuditTrail
    let rules: RuleLibrary
    /// `DATA/inbox`, nil when the app runs without a data folder (imports refused).
    let inbox: String?
    let recorder: AdminRecorder
    let clock: WebClock
    let logger: Logger
    /// The cancellation handle of each job this server is running, by id.
    private let running = Mutex<[Int64: JobCancellation]>([:])

    init(
        database: FundWatchDatabase, trail: AuditTrail, rules: RuleLibrary, inbox: String?, recorder: AdminRecorder,
        clock: WebClock, logger: Logger
    ) {
        self.database = database
        self.trail = trail
        self.rules = rules
        self.inbox = inbox
        self.recorder = recorder
        self.clock = clock
        self.logger = logger
    }

    /// The import folders waiting in the inbox, by name.
    func inboxFolders() -> [String] {
        guard let inbox, let names = try? FileManager.default.contentsOfDirectory(atPath: inbox) else { return [] }
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return !name.hasPrefix(".") && FileManager.default.fileExists(atPath: inbox + "/" + name, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }.sorted()
    }

    /// Checks the request, queues the job with its event (recorded in the ledger) and starts it.
    func submit(kind: ServerJob.Kind, folder: String?, by identity: Identity) async throws -> ServerJob {
        var argument: String?
        if kind == .import {
            guard let inbox else {
                throw AppError(.unprocessableContent, code: "no_inbox", "本服务未配置数据目录，无法在服务器内导入")
            }
            let name = (folder ?? "").trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, !name.hasPrefix("."), !name.contains("/"), inboxFolders().contains(name) else {
                throw AppError(
                    .unprocessableContent, code: "invalid_folder",
                    "导入目录 '\(name)' 不在 \(inbox) 中：请把待导入的规范 CSV 文件夹放到该目录下后再选择")
            }
            argument = name
        }
        let (job, event): (ServerJob, AdminEvent)
        do {
            (job, event) = try await database.enqueueJob(
                kind: kind, argument: argument,
                event: AdminEventInput(
                    at: clock.now(), actor: identity.user.actor, action: "job.\(kind.rawValue)",
                    subject: "job/\(kind.rawValue)" + (argument.map { "/" + $0 } ?? ""), regionCode: RegionScope.nationCode,
                    payload: AdminRecorder.payload(["kind": kind.rawValue, "folder": argument ?? ""])))
        } catch let error as WebStoreError {
            throw AppError.from(error)
        }
        await recorder.record(event)
        let cancellation = JobCancellation()
        running.withLock { $0[job.id] = cancellation }
        Task.detached { [self] in await self.execute(job, cancellation: cancellation) }
        return job
    }

    /// Whether a stop was asked for this running job.
    func isCancelRequested(_ id: Int64) -> Bool { running.withLock { $0[id]?.isRequested ?? false } }

    /// Asks a queued or running job to stop (recorded with its event in the ledger); it ends as
    /// `cancelled` with nothing written, or, past its commit point, finishes as it would have.
    func cancel(_ id: Int64, by identity: Identity) async throws -> ServerJob {
        guard let job = try await database.job(id: id) else {
            throw AppError(.notFound, code: "not_found", "没有编号为 \(id) 的任务")
        }
        guard !job.status.isFinished, let cancellation = running.withLock({ $0[id] }) else {
            throw AppError(.conflict, code: "job_finished", "任务 \(id) 已结束（\(job.status.rawValue)），无需取消")
        }
        cancellation.request()
        let event = try await database.addAdminEvent(
            AdminEventInput(
                at: clock.now(), actor: identity.user.actor, action: "job.cancel", subject: "job/\(id)",
                regionCode: RegionScope.nationCode, payload: AdminRecorder.payload(["job_id": String(id), "kind": job.kind.rawValue])))
        await recorder.record(event)
        return job
    }

    /// Runs a queued job to its end, storing the outcome; never throws (the job records failure).
    func execute(_ job: ServerJob, cancellation: JobCancellation = JobCancellation()) async {
        defer { _ = running.withLock { $0.removeValue(forKey: job.id) } }
        do {
            try await database.updateJob(id: job.id, status: .running, message: nil, at: clock.now())
            let message: String
            switch job.kind {
            case .audit: message = try await audit(job, cancellation: cancellation)
            case .import: message = try await importFolder(job, cancellation: cancellation)
            }
            try await database.updateJob(id: job.id, status: .succeeded, message: message, at: clock.now())
        } catch is JobCancelled {
            logger.info("server job cancelled", metadata: ["job": "\(job.id)"])
            try? await database.updateJob(
                id: job.id, status: .cancelled, message: "已按管理员要求取消，未写入任何数据", at: clock.now())
        } catch {
            logger.error("server job failed", metadata: ["job": "\(job.id)", "error": "\(error)"])
            let reason = (error as? ImportError).map { "导入失败，未导入任何数据：\($0)" } ?? "任务失败：\(error)"
            try? await database.updateJob(
                id: job.id, status: .failed, message: PersonalDataMasker.maskNumbers(reason), at: clock.now())
        }
    }

    func audit(_ job: ServerJob, cancellation: JobCancellation) async throws -> String {
        let started = clock.now()
        let (summary, persons) = try await BatchAudit(
            database: database, trail: trail, actor: "\(job.requestedBy) (server job \(job.id))"
        ).run(engine: rules.engine, asOf: clock.today(), startedAt: started, cancellation: cancellation)
        return "稽核了 \(persons) 人（\(rules.engine.rules.count) 条启用规则），疑点 \(summary.findings) 条，其中新增 \(summary.newFindings) 条、已豁免 \(summary.suppressed) 条；稽核批次 \(summary.runID)"
    }

    func importFolder(_ job: ServerJob, cancellation: JobCancellation) async throws -> String {
        guard let inbox, let name = job.argument else { throw AppError.notFound }
        let folder = URL(fileURLWithPath: inbox).appendingPathComponent(name, isDirectory: true)
        try cancellation.checkpoint()
        let (files, ignored) = try CanonicalFile.readFolder(folder)
        let (database, trail, now, today) = (database, trail, clock.now(), clock.today())
        let actor = "\(job.requestedBy) (server job \(job.id))"
        // One transaction: a stop requested while it runs interrupts SQLite and rolls the whole batch back.
        let report = try await cancellation.interruptible {
            try await database.importFiles(
                files, ignored: ignored, source: folder.standardizedFileURL.path, now: now, today: today, strict: false,
                trail: trail, actor: actor)
        }
        _ = try await database.refreshFreshness()
        guard let batch = report.batchID else { return "没有新数据：这些文件此前都已导入" }
        return "导入批次 \(batch)：\(report.importedRows) 行导入，\(report.rejected.count) 行被拒（见数据导入页的质量报告）"
    }
}
