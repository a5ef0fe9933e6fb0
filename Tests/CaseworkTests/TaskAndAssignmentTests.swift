import Casework
import Foundation
import Testing

@Suite struct TaskAndAssignmentTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    func task(_ id: Int64, dueInDays: Double, done: Bool = false) -> CaseTask {
        CaseTask(
            id: id, caseID: "370102-2026-000001", kind: "verification", title: "核查线索", assignee: "lixia.auditor",
            due: Self.now.addingTimeInterval(dueInDays * 86_400), doneAt: done ? Self.now : nil)
    }

    @Test func remindersBeforeAndEscalationsAfterTheDeadline() {
        let tasks = [task(1, dueInDays: 10), task(2, dueInDays: 2), task(3, dueInDays: -1.5), task(4, dueInDays: -5, done: true)]
        let notices = TaskMonitor(remindBefore: 3 * 86_400).notices(for: tasks, at: Self.now)
        #expect(notices.map(\.task.id) == [3, 2])
        #expect(notices.map(\.kind) == [.escalation, .reminder])
        #expect(notices[0].message.contains("已超期 2 天"))
        #expect(notices[1].message.contains("2 天内到期"))
        // The same tasks a week later: all three open ones are overdue.
        let later = TaskMonitor().notices(for: tasks, at: Self.now.addingTimeInterval(11 * 86_400))
        #expect(later.map(\.task.id) == [3, 2, 1] && later.allSatisfy { $0.kind == .escalation })
    }

    @Test func deadlineTableFallsBack() {
        let table = DeadlineTable(byType: ["medical_fraud": ["verification": 30]])
        #expect(table.days("verification", caseType: "medical_fraud") == 30)
        #expect(table.days("investigation", caseType: "medical_fraud") == 30)
        #expect(table.days("verification", caseType: "pension_after_death") == 15)
        #expect(table.days("unknown_kind", caseType: "x") == 30)
    }

    @Test func assignsByWorkloadWithinTheRegion() throws {
        let staff = [
            CaseAssigner.Candidate(staffID: "S3", regionCode: "370102", specialty: nil, openCases: 3),
            .init(staffID: "S1", regionCode: "370102", specialty: "medical", openCases: 5),
            .init(staffID: "S2", regionCode: "370103", specialty: nil, openCases: 0),
            .init(staffID: "S4", regionCode: "370102", specialty: nil, openCases: 3),
        ]
        let a = try CaseAssigner().assign(regionCode: "370102", specialty: nil, among: staff).get()
        #expect(a.staffID == "S3")
        #expect(a.reason == "同区县在办案件最少：3 件")
        let medical = try CaseAssigner().assign(regionCode: "370102", specialty: "medical", among: staff).get()
        #expect(medical.staffID == "S1")
        #expect(medical.reason == "专长匹配（medical）；同区县在办案件最少：5 件")
        let pension = try CaseAssigner().assign(regionCode: "370102", specialty: "pension", among: staff).get()
        #expect(pension.staffID == "S3" && pension.reason.hasPrefix("本地区无“pension”专长人员"))
        #expect(CaseAssigner().assign(regionCode: "370202", specialty: nil, among: staff).refusal?.code == .noStaff)
    }
}
