import ArgumentParser
import Foundation
import FundWatchCore
import Storage

/// `fundwatch resolve review`: the pairs resolution was unsure about, side by side.
struct ResolveReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "List the record–person pairs awaiting a decision (待人工确认的关联), with the comparison that scored them.",
        discussion: "Names and ID numbers are masked unless --reveal is given; every listing is recorded in the access log.")

    @OptionGroup var options: DataOptions

    @Option(help: "Which pairs: open, same, different or superseded.")
    var status: String = "open"

    @Option(help: "At most this many pairs.")
    var limit: Int = 20

    @Flag(help: "Show personal data unmasked (recorded in the access log).")
    var reveal = false

    @Option(help: "Who is looking, for the access log.")
    var actor: String = ProcessInfo.processInfo.environment["USER"] ?? "cli"

    func validate() throws {
        guard ["open", "same", "different", "superseded"].contains(status) else {
            throw ValidationError("--status must be open, same, different or superseded, got '\(status)'")
        }
        guard limit > 0 else { throw ValidationError("--limit must be positive") }
    }

    func run() async throws {
        let database = try options.openExisting()
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
