import ArgumentParser
import Foundation
import FundWatchCore
import Storage

/// `fundwatch person ID`: one person's timeline.
struct PersonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person",
        abstract: "Show one person's timeline from every department (人员画像).",
        discussion: "Names, ID numbers and accounts are masked unless --reveal is given; every view is recorded in the access log."
    )

    @Argument(help: "The person's ID number (15 or 18 digits).")
    var id: String

    @OptionGroup var options: DataOptions

    @Flag(help: "Print the timeline as JSON.")
    var json = false

    @Flag(help: "Show personal data unmasked (recorded in the access log).")
    var reveal = false

    @Option(help: "Who is looking, for the access log.")
    var actor: String = ProcessInfo.processInfo.environment["USER"] ?? "cli"

    func run() async throws {
        let idNumber: IDNumber
        do {
            idNumber = try IDNumber(id, today: SystemClock.today)
        } catch {
            throw CLIError(error.description)
        }
        let database = try options.openExisting()
        guard let timeline = try await database.timeline(for: idNumber) else {
            printError("no records for \(idNumber.masked) in \(options.data)")
            throw ExitCode(1)
        }
        try await database.recordAccess(
            DataAccess(at: SystemClock.now, actor: actor, action: "person.view", subject: idNumber, revealed: reveal))
        let shown = reveal ? timeline : timeline.masked()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(shown), as: UTF8.self))
            return
        }
        let name = shown.person?.name ?? "（未登记）"
        let region = shown.person?.regionCode.flatMap { RegionCatalog.shared.region($0)?.name } ?? ""
        print("\(reveal ? idNumber.value : idNumber.masked)  \(name)  \(shown.sex.chinese)  出生 \(reveal ? timeline.birthDate.description : String(timeline.birthDate.year) + "年")  \(region)")
        if let death = timeline.deathDate { print("死亡日期 \(death)（\(timeline.deaths.map(\.source.chinese).joined(separator: "、"))）") }
        for event in timeline.events where event.kind != .birth || reveal {
            print("\(event.date)  \(event.summary)")
        }
    }
}

extension PersonTimeline {
    /// A copy with names, ID numbers, addresses, phones and accounts masked, for display.
    func masked() -> PersonTimeline {
        var copy = self
        if var p = copy.person {
            p.name = PersonTimeline.maskName(p.name)
            p.address = p.address.map { String($0.prefix(6)) + "…" }
            p.phone = p.phone.map { IDNumber.mask($0) }
            copy.person = p
        }
        copy.payments = payments.map { var x = $0; x.bankAccount = x.bankAccount.map(BankAccount.mask); return x }
        copy.bankAccounts = bankAccounts.map { var x = $0; x.account = BankAccount.mask(x.account); return x }
        copy.deaths = deaths.map { var x = $0; x.name = x.name.map(PersonTimeline.maskName); return x }
        return copy
    }

    /// 张三丰 → 张**.
    static func maskName(_ name: String) -> String {
        guard let first = name.first else { return name }
        return String(first) + String(repeating: "*", count: max(1, name.count - 1))
    }
}
