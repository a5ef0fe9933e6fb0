/// A witness run in the same process, keeping its state in memory (tests, demos) or
/// persisting it through a closure.
public final class LocalWitness: WitnessClient {
    /// The witness logic and key.
    public let witness: Witness
    /// The current state.
    public private(set) var state: WitnessState
    private let persist: (WitnessState) throws -> Void

    /// Creates a local witness.
    public init(witness: Witness, state: WitnessState, persist: @escaping (WitnessState) throws -> Void = { _ in }) {
        self.witness = witness
        self.state = state
        self.persist = persist
    }

    public var name: String { witness.signer.name }

    public func addCheckpoint(_ request: AddCheckpointRequest) throws -> [NoteSignature] {
        var next = state
        let cosignature = try witness.addCheckpoint(request, state: &next)
        do {
            try persist(next)
        } catch {
            throw WitnessError(.storage, "could not persist witness state: \(error)")
        }
        state = next
        return [cosignature]
    }
}
