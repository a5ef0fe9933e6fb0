import Foundation
public import FundWatchCore

/// 追回: money owed back to the fund, its payment plan, the payments received and what a
/// supervisor or leader approved to write off. Finished when nothing is outstanding.
public struct Recovery: Sendable, Hashable, Codable {
    /// One instalment of the payment plan.
    public struct Instalment: Sendable, Hashable, Codable {
        public var due: CivilDate
        public var amount: Money
        public init(due: CivilDate, amount: Money) {
            self.due = due
            self.amount = amount
        }
    }

    /// One payment received.
    public struct Payment: Sendable, Hashable, Codable {
        public var amount: Money
        public var receivedOn: CivilDate
        public init(amount: Money, receivedOn: CivilDate) {
            self.amount = amount
            self.receivedOn = receivedOn
        }
    }

    public var owed: Money
    public var plan: [Instalment]
    public var payments: [Payment]
    public var writtenOff: Money
    /// Who approved the write-off.
    public var writeOffApprovedBy: String?
    public var writeOffReason: String?
    /// A write-off proposed and waiting for a second person's approval.
    public var pendingWriteOff: WriteOffProposal?

    /// A write-off (核销) one person proposes and another approves, so nobody writes off alone.
    public struct WriteOffProposal: Sendable, Hashable, Codable {
        public var amount: Money
        public var reason: String
        public var proposedBy: String
        public init(amount: Money, reason: String, proposedBy: String) {
            self.amount = amount
            self.reason = reason
            self.proposedBy = proposedBy
        }
    }

    /// A recovery as stored; use `start(owed:plan:)` for a new one (it checks the plan).
    public init(
        owed: Money, plan: [Instalment], payments: [Payment], writtenOff: Money, writeOffApprovedBy: String? = nil,
        writeOffReason: String? = nil, pendingWriteOff: WriteOffProposal? = nil
    ) {
        self.owed = owed
        self.plan = plan
        self.payments = payments
        self.writtenOff = writtenOff
        self.writeOffApprovedBy = writeOffApprovedBy
        self.writeOffReason = writeOffReason
        self.pendingWriteOff = pendingWriteOff
    }

    /// A recovery of `owed` with an optional plan; the plan must add up to what is owed.
    public static func start(owed: Money, plan: [Instalment] = []) -> Result<Recovery, CaseRefusal> {
        guard owed > .zero else { return .failure(CaseRefusal(.invalidAmount, "应追回金额须大于 0")) }
        if !plan.isEmpty {
            guard plan.allSatisfy({ $0.amount > .zero }) else {
                return .failure(CaseRefusal(.invalidAmount, "还款计划中每期金额须大于 0"))
            }
            let total = plan.reduce(Money.zero) { $0 + $1.amount }
            guard total == owed else {
                return .failure(
                    CaseRefusal(.invalidAmount, "还款计划合计 \(total) 元与应追回金额 \(owed) 元不符"))
            }
        }
        return .success(
            Recovery(owed: owed, plan: plan.sorted { $0.due < $1.due }, payments: [], writtenOff: .zero))
    }

    /// The total received so far.
    public var received: Money { payments.reduce(.zero) { $0 + $1.amount } }

    /// What is still owed.
    public var outstanding: Money { owed - received - writtenOff }

    /// Whether nothing is outstanding.
    public var isFinished: Bool { outstanding == .zero }

    /// The share of the amount owed that has come back (0…1); write-offs do not count.
    public var recoveryRate: Double { owed.fen == 0 ? 0 : Double(received.fen) / Double(owed.fen) }

    /// The plan's instalments due on or before `date` that the payments so far do not cover.
    public func overdueInstalments(on date: CivilDate) -> [Instalment] {
        var covered = received + writtenOff
        var out = [Instalment]()
        for instalment in plan {
            if covered >= instalment.amount {
                covered = covered - instalment.amount
            } else {
                if instalment.due < date { out.append(instalment) }
                covered = .zero
            }
        }
        return out
    }

    /// The recovery after a payment; refused when the amount is not positive or exceeds what is outstanding.
    public func receiving(_ amount: Money, on date: CivilDate) -> Result<Recovery, CaseRefusal> {
        guard amount > .zero else { return .failure(CaseRefusal(.invalidAmount, "到账金额须大于 0")) }
        guard amount <= outstanding else {
            return .failure(CaseRefusal(.invalidAmount, "到账金额 \(amount) 元超过尚欠金额 \(outstanding) 元"))
        }
        var next = self
        next.payments.append(Payment(amount: amount, receivedOn: date))
        return .success(next)
    }

    /// The recovery after writing off `amount` (核销), approved by a supervisor or leader, with a reason.
    public func writingOff(_ amount: Money, reason: String, approver: CaseActor) -> Result<Recovery, CaseRefusal> {
        guard approver.leads else { return .failure(CaseRefusal(.forbidden, "核销须由科长/主管或领导批准")) }
        guard CaseStateMachine.written(reason) else {
            return .failure(CaseRefusal(.reasonRequired, "核销须写明理由（至少 \(CaseStateMachine.minimumReasonLength) 个字）"))
        }
        guard amount > .zero, amount <= outstanding else {
            return .failure(CaseRefusal(.invalidAmount, "核销金额须大于 0 且不超过尚欠金额 \(outstanding) 元"))
        }
        var next = self
        next.writtenOff = writtenOff + amount
        next.writeOffApprovedBy = approver.name
        next.writeOffReason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        return .success(next)
    }

    /// The recovery with a write-off proposed by someone working the case, to be approved by a
    /// second person (`approvingWriteOff(by:)`); one proposal at a time.
    public func proposingWriteOff(_ amount: Money, reason: String, by actor: CaseActor) -> Result<Recovery, CaseRefusal> {
        guard actor.worksCases else { return .failure(CaseRefusal(.forbidden, "领导只批准核销，核销申请须由承办人员提出")) }
        guard pendingWriteOff == nil else {
            return .failure(CaseRefusal(.invalidTransition, "已有一笔核销申请待批准；请先批准或驳回"))
        }
        guard CaseStateMachine.written(reason) else {
            return .failure(CaseRefusal(.reasonRequired, "核销须写明理由（至少 \(CaseStateMachine.minimumReasonLength) 个字）"))
        }
        guard amount > .zero, amount <= outstanding else {
            return .failure(CaseRefusal(.invalidAmount, "核销金额须大于 0 且不超过尚欠金额 \(outstanding) 元"))
        }
        var next = self
        next.pendingWriteOff = WriteOffProposal(
            amount: amount, reason: reason.trimmingCharacters(in: .whitespacesAndNewlines), proposedBy: actor.name)
        return .success(next)
    }

    /// The recovery with the pending write-off approved by a supervisor or leader who did not
    /// propose it; the amount is checked again, as payments may have come in since.
    public func approvingWriteOff(by approver: CaseActor) -> Result<Recovery, CaseRefusal> {
        guard let proposal = pendingWriteOff else {
            return .failure(CaseRefusal(.invalidTransition, "没有待批准的核销申请"))
        }
        guard approver.name != proposal.proposedBy else {
            return .failure(CaseRefusal(.secondPersonRequired, "核销须由申请人 \(proposal.proposedBy) 以外的另一人批准"))
        }
        return writingOff(proposal.amount, reason: proposal.reason, approver: approver).map {
            var next = $0
            next.pendingWriteOff = nil
            return next
        }
    }

    /// The recovery with the pending write-off declined by a supervisor or leader, with a reason.
    public func decliningWriteOff(by approver: CaseActor, reason: String) -> Result<Recovery, CaseRefusal> {
        guard pendingWriteOff != nil else { return .failure(CaseRefusal(.invalidTransition, "没有待批准的核销申请")) }
        guard approver.leads else { return .failure(CaseRefusal(.forbidden, "驳回核销申请须由科长/主管或领导决定")) }
        guard CaseStateMachine.written(reason) else {
            return .failure(CaseRefusal(.reasonRequired, "驳回须写明理由（至少 \(CaseStateMachine.minimumReasonLength) 个字）"))
        }
        var next = self
        next.pendingWriteOff = nil
        return .success(next)
    }
}
