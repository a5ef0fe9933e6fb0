import ArgumentParser
import Foundation
import Ledger
import Storage

/// `fundwatch resolve decide`: a reviewer's decision on one pair, stored and recorded in the ledger.
struct ResolveDecideCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decide",
        abstract: "Decide whether a reviewed record and person are the same (确认关联) or different (排除关联).",
        discussion: """
            Same links the record to the person (it joins the person's timeline); different means the pair \
            is never proposed again. Each decision is recorded in the data folder's ledger (a note whose \
            subject is the pair and whose payload is the decision's canonical JSON).
            """)

    @OptionGroup var options: DataOptions

    @Option(help: "The pair's id, as `fundwatch resolve review` lists it.")
    var pair: Int64

    @Flag(help: "The record belongs to the candidate person.")
    var same = false

    @Flag(help: "The record does not belong to the candidate person.")
    var different = false

    @Option(help: "Who decides (recorded with the decision and in the ledger).")
    var reviewer: String

    func validate() throws {
        guard same != different else { throw ValidationError("give exactly one of --same and --different") }
        guard !reviewer.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("--reviewer must name who decides")
        }
    }

    func run() async throws {
        let database = try options.openExisting()
        let decision: ReviewDecision
        do {
            decision = try await database.decideReview(pair: pair, same: same, reviewer: reviewer, now: SystemClock.now)
        } catch let error as ReviewError {
            throw CLIError(error.description)
        }
        let trail = try AuditTrail.open(data: options.data)
        let index = try trail.record(
            .init(type: .note, actor: reviewer, subject: "link_review/\(pair)", payload: Data(decision.canonicalJSON.utf8)))
        print("关联 \(pair)：\(same ? "确认为同一人，已并入其人员画像" : "确认为不同人，不再提示")（账本第 \(index) 条）")
    }
}
