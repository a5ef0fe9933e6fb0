import AuditRules
import HTTPTypes
import Foundation
import Hummingbird
import Logging
import NIOCore
import Storage

/// Editing the library: the live check, saving a new version (checked again on the server,
/// stored, hashed into the ledger as `rule_version`, and in force at once), switching a rule
/// off or on (stored, recorded as a `note`, honoured by the payment check at once and by the
/// next batch audit).
extension RuleController {
    struct CheckResult: Sendable, Codable {
        let ok: Bool
        let problems: [RuleDraftCheck.Problem]
        /// The draft's id, version and title when it compiled.
        let id: String?
        let version: Int?
        let title: String?
    }

    /// The caller if they may change the library, else 403.
    func requireEditor(_ context: AppRequestContext) throws -> Identity {
        let identity = try context.require(\.editsRules, tokenScope: "rules:write")
        guard identity.scope.isNation else {
            throw AppError(.forbidden, code: "forbidden", "规则库为全国统一规则库，只有全国范围的科长/主管或管理员可以修改")
        }
        return identity
    }

    func existingRule(_ context: AppRequestContext) throws -> CompiledRule {
        guard let id = context.parameters.get("id"), let rule = rules.rule(id) else { throw AppError.notFound }
        return rule
    }

    func check(yaml: String, rule: CompiledRule) async throws -> RuleDraftCheck {
        RuleDraftCheck(
            yaml: yaml, ruleID: rule.spec.id,
            highestVersion: max(rule.spec.version, try await database.highestRuleVersion(ruleID: rule.spec.id)))
    }

    static func result(_ check: RuleDraftCheck) -> CheckResult {
        CheckResult(
            ok: check.rule != nil, problems: check.problems, id: check.rule?.spec.id, version: check.rule?.spec.version,
            title: check.rule?.spec.title)
    }

    /// The draft from a JSON body `{"yaml": "..."}`.
    static func draft(_ request: Request, context: AppRequestContext) async throws -> String {
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        struct Draft: Decodable { let yaml: String }
        guard let draft = try? JSONDecoder().decode(Draft.self, from: Data(body.readableBytesView)) else {
            throw AppError.badRequest("请求体须为 JSON：{\"yaml\": \"规则 YAML 文本\"}", code: "invalid_draft")
        }
        return draft.yaml
    }

    /// `POST /api/v1/rules/:id/check`: the live check the edit page's script calls as one types.
    func checkDraft(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try requireEditor(context)
        try CSRF.check(identity, request: request, form: nil)
        let rule = try existingRule(context)
        let yaml = try await Self.draft(request, context: context)
        return JSONOutput.response(Self.result(try await check(yaml: yaml, rule: rule)))
    }

    /// Stores a checked draft as the rule's next version, records it, and puts it in force.
    func save(_ compiled: CompiledRule, yaml: String, identity: Identity) async throws -> (AdminEvent, UInt64?) {
        let spec = compiled.spec
        let sha = AuditTrail.sha256Hex(Data(yaml.utf8))
        let version = RuleVersionInput(
            ruleID: spec.id, version: spec.version, sha256: sha, status: spec.status.rawValue, title: spec.title)
        let event: AdminEvent
        do {
            event = try await database.saveRuleVersion(
                version, yaml: yaml,
                event: AdminEventInput(
                    at: clock.now(), actor: identity.user.actor, action: "rule.save", subject: "rule/\(spec.id)/v\(spec.version)",
                    regionCode: RegionScope.nationCode, payload: yaml))
        } catch let error as WebStoreError {
            throw AppError.from(error)
        }
        let index = await recorder.record(event)
        try await reload()
        return (event, index)
    }

    /// Rebuilds the library from the store, for every holder (the payment check included).
    func reload() async throws {
        let builtIn = try RuleLibrary.builtIn().rules
        let (library, problems) = try await ManagedRules.load(database: database, builtIn: builtIn)
        for problem in problems { recorder.logger.error("\(problem)") }
        rules.replace(with: library)
    }

    struct Saved: Sendable, Codable {
        let id: String
        let version: Int
        let sha256: String
        let ledgerIndex: UInt64?
    }

    /// `PUT /api/v1/rules/:id` with `{"yaml": ...}`: 422 with the problems, or the saved version.
    func saveFromJSON(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try requireEditor(context)
        try CSRF.check(identity, request: request, form: nil)
        let rule = try existingRule(context)
        let yaml = try await Self.draft(request, context: context)
        let checked = try await check(yaml: yaml, rule: rule)
        guard let compiled = checked.rule else {
            return JSONOutput.response(Self.result(checked), status: .unprocessableContent)
        }
        let (_, index) = try await save(compiled, yaml: yaml, identity: identity)
        return JSONOutput.response(
            Saved(
                id: compiled.spec.id, version: compiled.spec.version, sha256: AuditTrail.sha256Hex(Data(yaml.utf8)),
                ledgerIndex: index),
            status: .created)
    }

    struct EditView: Sendable {
        let id: String
        let title: String
        let yaml: String
        let nextVersion: Int
        let problems: [RuleDraftCheck.Problem]
        let hasProblems: Bool
    }

    func editView(rule: CompiledRule, yaml: String, problems: [RuleDraftCheck.Problem]) async throws -> EditView {
        let highest = max(rule.spec.version, try await database.highestRuleVersion(ruleID: rule.spec.id))
        return EditView(
            id: rule.spec.id, title: rule.spec.title, yaml: yaml, nextVersion: highest + 1, problems: problems,
            hasProblems: !problems.isEmpty)
    }

    func editPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try requireEditor(context)
        let rule = try existingRule(context)
        return pages.render(
            "rule-edit", title: "编辑规则 \(rule.spec.id)", identity: identity,
            page: try await editView(rule: rule, yaml: rule.spec.source ?? "", problems: []))
    }

    /// The form's save: on problems the page comes back with the draft and the problems (422).
    func saveFromForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try requireEditor(context)
        let form = try await FormBody.parse(request, context: context)
        try CSRF.check(identity, request: request, form: form)
        let rule = try existingRule(context)
        // Browsers send textarea line breaks as CRLF.
        let yaml = (form["yaml"] ?? "").replacingOccurrences(of: "\r\n", with: "\n")
        let checked = try await check(yaml: yaml, rule: rule)
        guard let compiled = checked.rule else {
            return pages.render(
                "rule-edit", title: "编辑规则 \(rule.spec.id)", identity: identity,
                page: try await editView(rule: rule, yaml: yaml, problems: checked.problems), status: .unprocessableContent)
        }
        do {
            _ = try await save(compiled, yaml: yaml, identity: identity)
        } catch let error as AppError where error.status == .conflict || error.status == .unprocessableContent {
            return pages.render(
                "rule-edit", title: "编辑规则 \(rule.spec.id)", identity: identity,
                page: try await editView(
                    rule: rule, yaml: yaml, problems: [RuleDraftCheck.Problem(line: nil, column: nil, message: error.message)]),
                status: .unprocessableContent)
        }
        return Response.redirect(to: "/rules/\(compiled.spec.id)", type: .normal)
    }

    /// Switches a rule off or on: stored, recorded, in force at once.
    func setEnabled(_ enabled: Bool, rule: CompiledRule, identity: Identity, reason: String) async throws -> AdminEvent {
        let id = rule.spec.id
        let event = try await database.setRuleEnabled(
            ruleID: id, enabled: enabled,
            event: AdminEventInput(
                at: clock.now(), actor: identity.user.actor, action: enabled ? "rule.enable" : "rule.disable",
                subject: "rule/\(id)/", regionCode: RegionScope.nationCode,
                payload: AdminRecorder.payload([
                    "rule_id": id, "version": String(rule.spec.version), "enabled": String(enabled), "reason": reason,
                ])))
        await recorder.record(event)
        try await reload()
        return event
    }

    func setEnabledFromForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try requireEditor(context)
        let form = try await FormBody.parse(request, context: context)
        try CSRF.check(identity, request: request, form: form)
        let rule = try existingRule(context)
        guard let enabled = form["enabled"].flatMap(Self.flag) else {
            throw AppError.badRequest("表单字段 enabled 须为 true 或 false", code: "invalid_setting")
        }
        let reason = (form["reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard enabled || reason.count >= 4 else {
            throw AppError(.unprocessableContent, code: "reason_required", "停用规则须写明理由（至少 4 个字）")
        }
        _ = try await setEnabled(enabled, rule: rule, identity: identity, reason: reason)
        return Response.redirect(to: "/rules/\(rule.spec.id)", type: .normal)
    }

    /// `PUT /api/v1/rules/:id/enabled` with `{"enabled": false, "reason": "..."}`.
    func setEnabledFromJSON(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try requireEditor(context)
        try CSRF.check(identity, request: request, form: nil)
        let rule = try existingRule(context)
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        struct Setting: Decodable {
            let enabled: Bool
            let reason: String?
        }
        guard let setting = try? JSONDecoder().decode(Setting.self, from: Data(body.readableBytesView)) else {
            throw AppError.badRequest("请求体须为 JSON：{\"enabled\": true|false, \"reason\": \"停用理由\"}", code: "invalid_setting")
        }
        let reason = (setting.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard setting.enabled || reason.count >= 4 else {
            throw AppError(.unprocessableContent, code: "reason_required", "停用规则须写明理由（reason，至少 4 个字）")
        }
        let event = try await setEnabled(setting.enabled, rule: rule, identity: identity, reason: reason)
        struct Out: Encodable {
            let id: String
            let enabled: Bool
            let ledgerIndex: Int64?
        }
        let recorded = try await database.adminEvents(
            in: RegionScope(code: RegionScope.nationCode)!, subjectPrefix: "rule/\(rule.spec.id)/", limit: 1
        ).first { $0.id == event.id }
        return JSONOutput.response(Out(id: rule.spec.id, enabled: setting.enabled, ledgerIndex: recorded?.ledgerIndex))
    }

    static func flag(_ text: String) -> Bool? {
        switch text {
        case "true", "1", "on": true
        case "false", "0", "off": false
        default: nil
        }
    }
}
