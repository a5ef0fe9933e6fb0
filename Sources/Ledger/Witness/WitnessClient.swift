/// How a log reaches a witness: in process, or (in the web app) over HTTP.
public protocol WitnessClient: AnyObject {
    /// The witness's key name.
    var name: String { get }
    /// Sends an add-checkpoint request; returns the cosignature lines or throws a ``WitnessError``.
    func addCheckpoint(_ request: AddCheckpointRequest) throws -> [NoteSignature]
}
