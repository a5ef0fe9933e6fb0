/// Something a person does to an alert.
public enum AlertAction: Sendable, Hashable {
    /// "I have seen it."
    case acknowledge
    /// Hands the alert to a person (a username).
    case assign(to: String)
    /// Closes the alert as not a problem; a red alert only becomes a proposal a second person confirms.
    case dismiss(reason: String)
    /// A second person confirms a proposed dismissal of a red alert.
    case confirmDismissal
    /// A second person refuses a proposed dismissal; the alert goes back to work.
    case rejectDismissal(reason: String)
    /// Turns the alert into a case.
    case openCase

    /// The action's name in the history, the API and the ledger payload.
    public var name: String {
        switch self {
        case .acknowledge: "acknowledge"
        case .assign: "assign"
        case .dismiss: "dismiss"
        case .confirmDismissal: "confirm_dismissal"
        case .rejectDismissal: "reject_dismissal"
        case .openCase: "open_case"
        }
    }
}
