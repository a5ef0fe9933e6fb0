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
            is never proposed again. With --person-pair instead of --pair, the decision is on two registry \
            entries (`fundwatch resolve review --persons`): same makes them one person, whose timeline then \
            holds the records of both ID numbers; different undoes or refuses the merge for good. Each decision is recorded in the data folder's ledger (a note whose \
            subject is the pair and whose payload is the decision's canonical JSON).
            """)

    @OptionGroup var options: DataOptions

    @Option(help: "The pair's id, as `fundwatch resolve review` lists it.")
    var pair: Int64?

    @Option(name: .customLong("person-pair"), help: "A person pair's id, as `fundwatch resolve review --persons` lists it.")
    var personPair: Int64?

    @Flag(help: "The record belongs to the candidate person.")
    var same = false

    @Flag(help: "The record does not belong to the candidate person.")
    var different = false

    @Option(help: "Who decides (recorded with the decision and in the ledger).")
    var reviewer: String

    func validate() throws {
        guard (pair == nil) != (personPair == nil) else {
            throw ValidationError("give exactly one of --pair and --person-pair")
        }
        guard same != different else { throw ValidationError("give exactly one of --same and --different") }
        guard !reviewer.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("--reviewer must name who decides")
        }
    }

    func run() async throws {
        let database = try options.openExisting()
        let decision: ReviewDecision
        let subject: String
        do {
            if let personPair {
                decision = try await database.decidePersonMerge(
                    pair: personPair, same: same, reviewer: reviewer, now: SystemClock.now)
                subject = "person_merge/\(personPair)"
            } else {
                decision = try await database.decideReview(pair: pair!, same: same, reviewer: reviewer, now: SystemClock.now)
                subject = "link_review/\(pair!)"
            }
        } catch let error as ReviewError {
            throw CLIError(error.description)
        }
        let trail = try AuditTrail.open(data: options.data)
        let index = try trail.record(
            .init(type: .note, actor: reviewer, subject: subject, payload: Data(decision.canonicalJSON.utf8)))
        if personPair != nil {
            print("人员合并 \(decision.pair)：\(same ? "确认为同一人，两个身份证号的记录已并入一人" : "确认为不同人，不再合并")（账本第 \(index) 条）")
        } else {
            print("关联 \(decision.pair)：\(same ? "确认为同一人，已并入其人员画像" : "确认为不同人，不再提示")（账本第 \(index) 条）")
        }
    }
}
