public import Collaboration
public import Foundation
import GRDB

extension FundWatchDatabase {
    /// Sets the department a liaison user speaks for (replacing any earlier one).
    public func setLiaisonDepartment(
        userID: Int64, department: Department, by actor: String, at time: Date
    ) async throws {
        try await writeRecording { db in
            guard let role = try String.fetchOne(db, sql: "SELECT role FROM web_user WHERE id = ?", arguments: [userID])
            else { throw CollaborationError(.notFound, "没有编号为 \(userID) 的用户") }
            guard role == UserRole.liaison.rawValue else {
                throw CollaborationError(.invalidInput, "只有部门联络员（liaison）可以指定所属部门，该用户的角色是 \(role)")
            }
            try db.execute(
                sql: """
                    INSERT INTO collab_liaison (user_id, department, assigned_by, assigned_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (user_id) DO UPDATE SET department = excluded.department,
                        assigned_by = excluded.assigned_by, assigned_at = excluded.assigned_at
                    """,
                arguments: [userID, department.rawValue, actor, WebTime.format(time)])
        }
    }

    /// The department a liaison user speaks for, or nil.
    public func liaisonDepartment(userID: Int64) async throws -> Department? {
        try await writer.read { db in
            try String.fetchOne(db, sql: "SELECT department FROM collab_liaison WHERE user_id = ?", arguments: [userID])
                .flatMap(Department.init(rawValue:))
        }
    }
}
