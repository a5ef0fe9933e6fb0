public import Collaboration

/// How a caller sees collaboration objects: their region subtree, and for a department's liaison
/// the department they speak for.
///
/// A liaison sees the verification requests addressed to their department in their subtree, and
/// nothing of the sender side; everyone else sees the requests their subtree sent. Clues are seen
/// by both regions they join; outcomes and rectifications by the subtree of their region.
public struct CollaborationAccess: Sendable, Hashable {
    public var scope: RegionScope
    /// Set for a department liaison (and the department system's token user).
    public var department: Department?

    public init(scope: RegionScope, department: Department? = nil) {
        self.scope = scope
        self.department = department
    }

    /// Which side of a request the caller stands on, or nil when they may not see it at all.
    public func side(of request: VerificationRequest) -> VerificationSide? {
        if let department {
            return department == request.department && scope.contains(request.addresseeRegion) ? .addressee : nil
        }
        return scope.contains(request.senderRegion) ? .sender : nil
    }
}

/// The two sides of a verification request.
public enum VerificationSide: String, Sendable, Hashable {
    /// The case's region, which asks.
    case sender
    /// The department office asked.
    case addressee
}
