public import Casework
public import Collaboration
public import Foundation
import FundWatchCore
import GRDB
import Ledger

extension FundWatchDatabase {
    /// Accepts a shared clue and opens its case in the receiving region, in one transaction: the
    /// case (state `clue`, assigned by workload like any other) concerns the clue's person, has
    /// the clue's rule as its type (`clue_transfer` when none) and its amount at risk; the clue
    /// records the case's number. If either step is refused, neither is written.
    ///
    /// Throws `CollaborationError` (`not_found`, `forbidden` when the caller is not on the
    /// receiving side, `stale_version`, `invalid_transition`) or `CaseRefusal`.
    public func acceptClueOpeningCase(
        id: Int64, by actor: CaseActor, scope: RegionScope, expectedVersion: Int? = nil, at time: Date,
        trail: AuditTrail, machine: CaseStateMachine = CaseStateMachine()
    ) async throws -> (clue: ClueTransfer, opened: StoredCase) {
        try await writeRecording { db in
            guard let clue = try Self.clue(id: id, db), scope.contains(clue.fromRegion) || scope.contains(clue.toRegion)
            else { throw CollaborationError(.notFound, "没有编号为 \(id) 的线索，或不在您的辖区内") }
            guard scope.contains(clue.toRegion) else {
                throw CollaborationError(.forbidden, "只有接收地区可以接收或退回线索")
            }
            if let expectedVersion, expectedVersion != clue.version {
                throw CollaborationError(.staleVersion, "线索 \(id) 已被他人处理（当前版本 \(clue.version)）：请刷新后重试")
            }
            guard clue.state == .sent else {
                throw CollaborationError(.invalidTransition, "线索当前为「\(clue.state.chinese)」，已处理的线索不能再接收")
            }
            let summary = clue.summary.count > 40 ? String(clue.summary.prefix(40)) + "…" : clue.summary
            let opened = try Self.openCase(
                NewCase(
                    regionCode: clue.toRegion, caseType: clue.ruleID ?? "clue_transfer",
                    title: "移送线索 #\(clue.id)（来自 \(clue.fromRegion)）：\(summary)",
                    personIDNumber: clue.subject.idNumber, amountAtRisk: Money(fen: clue.amountFen ?? 0)),
                by: actor, in: scope, at: time, trail: trail, machine: machine, db)
            let accepted = try Self.applyClue(
                .accept(caseID: opened.id), toClue: id, by: actor.name, scope: scope, expectedVersion: nil, at: time,
                trail: trail, db)
            return (accepted, opened)
        }
    }
}
