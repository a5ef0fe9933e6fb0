public import Foundation
public import FundWatchCore

/// A verification request (协查): a case asks a department a question about one person.
///
/// Cases are referred to only by id, so this type does not depend on `Casework`. The request
/// travels from the sender's region to the department's office in the addressee region (where the
/// person lives or died); both regions' staff see it, each from its side.
public struct VerificationRequest: Sendable, Hashable, Codable {
    /// Assigned by storage when the draft is first saved (0 before).
    public var id: Int64
    /// The case this request belongs to.
    public var caseID: String
    public var kind: VerificationKind
    public var department: Department
    /// The region of the case that asks.
    public var senderRegion: String
    /// The region whose office of `department` is asked.
    public var addresseeRegion: String
    public var subject: SubjectPerson
    public var questions: [String]
    public var state: VerificationState
    public var createdBy: String
    public var createdAt: Date
    public var sentAt: Date?
    /// Set when the request is sent, from the policy's days for its kind.
    public var deadline: Date?
    public var answer: VerificationAnswer?
    /// Who posted the answer: the liaison or the department system's token user.
    public var answeredBy: String?
    public var closedAt: Date?
    /// Why the request was closed or withdrawn.
    public var closingNote: String?
    /// How many reminders have gone out before the deadline.
    public var remindersSent: Int
    /// 0 until escalated; then the escalation level reached (1: the sender's supervisor, 2: the level above).
    public var escalationLevel: Int
    /// Bumped by storage on every change, for optimistic locking.
    public var version: Int

    /// A new draft, checked: the case id, the department's competence for the kind, both region
    /// codes, the subject's ID number and the questions.
    public static func draft(
        caseID: String, kind: VerificationKind, department: Department, senderRegion: String,
        addresseeRegion: String, subject: SubjectPerson, questions: [String], createdBy: String, at time: Date,
        catalog: RegionCatalog = .shared
    ) throws(CollaborationError) -> VerificationRequest {
        let caseID = caseID.trimmingCharacters(in: .whitespaces)
        guard !caseID.isEmpty else {
            throw CollaborationError(.invalidInput, "缺少案件编号（case_id）：协查须从案件发起")
        }
        guard kind.isAnswerable(by: department) else {
            throw CollaborationError(
                .wrongDepartment,
                "\(department.chinese)不办理「\(kind.chinese)」：请发往 \(kind.departments.map(\.chinese).joined(separator: "、"))")
        }
        for (field, code) in [("sender_region", senderRegion), ("addressee_region", addresseeRegion)] {
            guard catalog.region(code) != nil else {
                throw CollaborationError(.unknownRegion, "\(field) 的行政区划代码 \(code) 不存在：请填写六位 GB/T 2260 代码")
            }
        }
        guard IDNumber.isCanonicalShape(subject.idNumber) else {
            throw CollaborationError(
                .invalidInput, "被核查人的身份号码（subject.id_number）格式不对：须为 18 位，最后一位可为 X")
        }
        var questions = questions.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        if questions.isEmpty {
            guard kind != .generic else {
                throw CollaborationError(.invalidInput, "其他协查须写明要核查的问题（questions）")
            }
            questions = [kind.defaultQuestion]
        }
        return VerificationRequest(
            id: 0, caseID: caseID, kind: kind, department: department, senderRegion: senderRegion,
            addresseeRegion: addresseeRegion, subject: subject, questions: questions, state: .draft, createdBy: createdBy,
            createdAt: time, sentAt: nil, deadline: nil, answer: nil, answeredBy: nil, closedAt: nil, closingNote: nil,
            remindersSent: 0, escalationLevel: 0, version: 0)
    }
}

extension VerificationKind {
    /// The question a request of this kind asks when the sender writes none.
    public var defaultQuestion: String {
        switch self {
        case .identityCheck: "请核实该身份号码是否为有效户籍登记，姓名是否一致。"
        case .deathStatus: "请核实该人员是否已死亡；如已死亡，请提供死亡日期及登记依据。"
        case .custodyStatus: "请核实该人员是否在服刑或被羁押；如是，请提供起止日期及文书依据。"
        case .generic: ""
        }
    }
}
