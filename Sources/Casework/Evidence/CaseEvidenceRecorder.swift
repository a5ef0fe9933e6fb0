/// How another module (Collaboration: a verification answer) adds evidence to a case by its id,
/// without knowing how cases are stored. The store implements it; each item it adds is hashed
/// into the ledger and appears in the case's evidence chain.
public protocol CaseEvidenceRecorder: Sendable {
    /// Adds a note to case `caseID`: `title` names it, `text` is its content, `source` says where
    /// it came from (e.g. `verification/17`), `actor` who or what adds it. Returns the item;
    /// throws a `CaseRefusal` (`not_found`, `invalid_input`) when the case does not exist or the
    /// note is empty.
    func addEvidenceNote(caseID: String, title: String, text: String, source: String, actor: String) async throws
        -> EvidenceItem
}
