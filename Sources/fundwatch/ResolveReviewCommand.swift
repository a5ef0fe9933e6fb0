import ArgumentParser
import Foundation
import FundWatchCore
import Storage

/// `fundwatch resolve review`: the pairs resolution was unsure about, side by side.
struct ResolveReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "List the record–person pairs awaiting a decision (待人工确认的关联), with the comparison that scored them.",
        discussion: """
            With --persons, lists the pairs of registry entries that `fundwatch resolve persons` proposed as one \
            human (一人多号), the two entries side by side. Names and ID numbers are masked unless --reveal is \
            given; every listing is recorded in the access log.
            """)

    @OptionGroup var options: DataOptions

    @Option(help: "Which pairs: open, same, different or superseded (with --persons: open, linked, same or different).")
    var status: String = "open"

    @Flag(help: "Person pairs (two registry entries that may be one human) instead of record–person pairs.")
    var persons = false

    @Option(help: "At most this many pairs.")
    var limit: Int = 20

    @Flag(help: "Show personal data unmasked (recorded in the access log).")
    var reveal = false

    @Option(help: "Who is looking, for the access log.")
    var actor: String = ProcessInfo.processInfo.environment["USER"] ?? "cli"

    func validate() throws {
        let statuses = persons ? ["open", "linked", "same", "different"] : ["open", "same", "different", "superseded"]
        guard statuses.contains(status) else {
            throw ValidationError(
                "--status must be \(statuses.dropLast().joined(separator: ", ")) or \(statuses.last!)\(persons ? " with --persons" : ""), got '\(status)'")
        }
        guard limit > 0 else { throw ValidationError("--limit must be positive") }
    }

    func run() async throws {
        let database = try options.openExisting()
        if persons {
            try await listPersonPairs(database)
            return
        }
        let pairs = try await database.reviewPairs(status: status, limit: limit)
        if pairs.isEmpty {
            print("没有状态为 \(status) 的待确认关联。")
            return
        }
        for pair in pairs {
            if let subject = try? IDNumber(pair.personKey, today: SystemClock.today) {
                try await database.recordAccess(
                    DataAccess(at: SystemClock.now, actor: actor, action: "resolve.review", subject: subject, revealed: reveal))
            }
            print(render(pair))
        }
    }

    /// The person pairs with `status`, the two registry entries side by side.
    private func listPersonPairs(_ database: FundWatchDatabase) async throws {
        let merges = try await database.personMerges(status: status).prefix(limit)
        if merges.isEmpty {
            print("没有状态为 \(status) 的待确认人员合并。")
            return
        }
        for merge in merges {
            for key in [merge.personKey, merge.otherKey] {
                if let subject = try? IDNumber(key, today: SystemClock.today) {
                    try await database.recordAccess(
                        DataAccess(at: SystemClock.now, actor: actor, action: "resolve.review", subject: subject, revealed: reveal))
                }
            }
            let left = try await database.registryEntry(merge.personKey)
            let right = try await database.registryEntry(merge.otherKey)
            var lines = [
                String(
                    format: "人员合并 %lld  匹配概率 %.4f  %@", merge.id, merge.probability,
                    merge.status == "open" ? "" : merge.status)
            ]
            func row(_ label: String, _ l: String, _ r: String) {
                lines.append("  " + label.padding(toLength: 12, withPad: " ", startingAt: 0) + l.padding(toLength: 28, withPad: " ", startingAt: 0) + r)
            }
            func sex(_ s: String?) -> String { s.map { $0 == "male" ? "男" : $0 == "female" ? "女" : $0 } ?? "—" }
            func birth(_ s: String?) -> String { s.map { reveal ? $0 : String($0.prefix(4)) + "年" } ?? "—" }
            func plain(_ s: String?) -> String {
                guard let s, !s.isEmpty else { return "—" }
                return reveal ? s : String(s.prefix(3)) + "***"
            }
            row("", "人员甲", "人员乙")
            row("身份证号", id(merge.personKey), id(merge.otherKey))
            row("姓名", name(left?.name), name(right?.name))
            row("性别", sex(left?.sex), sex(right?.sex))
            row("出生日期", birth(left?.birthDate), birth(right?.birthDate))
            row("地区", left?.region ?? "—", right?.region ?? "—")
            row("住址", plain(left?.address), plain(right?.address))
            row("电话", plain(left?.phone), plain(right?.phone))
            lines.append("  比较明细（各项贡献，单位 bit）：")
            var running = 0.0
            for term in merge.terms {
                let bits = Double(term.bits) ?? 0
                running += bits
                let values = reveal && term.name != "prior" ? "  (\(term.left) | \(term.right))" : ""
                lines.append(String(format: "    %@: %@  %+.3f → %.3f", term.name, term.level, bits, running) + values)
            }
            lines.append(
                "  确认：fundwatch resolve decide --person-pair \(merge.id) --same|--different --reviewer 姓名 --data \(options.data)")
            print(lines.joined(separator: "\n"))
        }
    }

    private func id(_ text: String) -> String { reveal ? (text.isEmpty ? "（空）" : text) : (text.isEmpty ? "（空）" : IDNumber.mask(text)) }
    private func name(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "—" }
        return reveal ? text : PersonTimeline.maskName(text)
    }

    private func render(_ pair: ReviewPair) -> String {
        let r = pair.record
        var lines = [
            String(
                format: "关联 %lld  匹配概率 %.4f  %@（%@，rejected_row %lld）%@", pair.id, pair.probability, r.kind.chinese,
                r.kind.rawValue, r.rowid, pair.status == "open" ? "" : "  \(pair.status) · \(pair.reviewer ?? "")")
        ]
        func row(_ label: String, _ left: String, _ right: String) {
            lines.append("  " + label.padding(toLength: 12, withPad: " ", startingAt: 0) + left.padding(toLength: 28, withPad: " ", startingAt: 0) + right)
        }
        row("", "记录", "候选人员")
        row("身份证号", id(r.rawID), id(pair.personKey))
        row("姓名", name(r.value("name")), name(pair.personName))
        row("性别", "", pair.personSex.map { $0 == "male" ? "男" : "女" } ?? "—")
        row("出生日期", "", pair.personBirthDate.map { reveal ? $0 : String($0.prefix(4)) + "年" } ?? "—")
        row("地区", r.value("region_code") ?? "", pair.personRegion ?? "—")
        for field in r.kind.recordType.fields where field.type != .idNumber && field.name != "name" && field.name != "region_code" {
            if let v = r.value(field.name) { row(field.chinese, v, "") }
        }
        lines.append("  比较明细（各项贡献，单位 bit）：")
        var running = 0.0
        for term in pair.terms {
            let bits = Double(term.bits) ?? 0
            running += bits
            let values = reveal && term.name != "prior" ? "  (\(term.left) | \(term.right))" : ""
            lines.append(String(format: "    %@: %@  %+.3f → %.3f", term.name, term.level, bits, running) + values)
        }
        lines.append("  确认：fundwatch resolve decide --pair \(pair.id) --same|--different --reviewer 姓名 --data \(options.data)")
        return lines.joined(separator: "\n")
    }
}
