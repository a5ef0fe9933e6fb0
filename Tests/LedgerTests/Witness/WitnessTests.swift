import Foundation
import Ledger
import Testing

@Suite struct WitnessTests {
    /// A log of `size` entries in memory, with a signed checkpoint note at that size.
    struct Fixture {
        var tree = InMemoryMerkleTree()

        mutating func grow(to size: Int) {
            while tree.size < UInt64(size) { tree.append(leafHash: RFC9162.leafHash(TestKeys.entry(Int(tree.size)))) }
        }

        func note(size: UInt64, signer: any NoteSigner = TestKeys.logSigner, origin: String = TestKeys.origin) throws
            -> SignedNote
        {
            let checkpoint = Checkpoint(origin: origin, size: size, root: try tree.root(size: size))
            return SignedNote(text: checkpoint.text, signatures: [try signer.signature(forText: checkpoint.text)])
        }

        func request(old: UInt64, new: UInt64) throws -> AddCheckpointRequest {
            let proof = old == 0 || old == new ? [] : try MerkleProofs.consistency(from: old, to: new, reader: tree)
            return AddCheckpointRequest(oldSize: old, proof: proof, checkpoint: try note(size: new))
        }
    }

    static func freshState() -> WitnessState {
        WitnessState(logs: [TestKeys.origin: .init(verifierKeys: [TestKeys.logSigner.verifierKey])])
    }

    @Test func cosignsConsistentCheckpointsAndAdvances() throws {
        var fixture = Fixture()
        fixture.grow(to: 100)
        let witness = Witness(signer: TestKeys.witness(1))
        var state = Self.freshState()
        let first = try witness.addCheckpoint(try fixture.request(old: 0, new: 10), state: &state)
        #expect(state.logs[TestKeys.origin]?.size == 10)
        let text = try fixture.note(size: 10).text
        #expect(
            TestKeys.witness(1).verifier.timestamp(ofValid: first.signature, checkpointText: Array(text.utf8))
                == 1_764_000_000)
        _ = try witness.addCheckpoint(try fixture.request(old: 10, new: 100), state: &state)
        #expect(state.logs[TestKeys.origin]?.size == 100)
        // The state keeps the cosigned note for monitors, and survives a JSON round trip.
        let served = try SignedNote(parsing: try #require(state.logs[TestKeys.origin]?.checkpoint))
        #expect(served.signatures.count == 2)
        #expect(try served.verify(with: [TestKeys.witness(1).verifier]).count == 1)
        #expect(try WitnessState(json: try state.json()) == state)
        #expect(Witness.originHash("example.com/log").count == 64)
        // Same size, same root: cosigned again.
        _ = try witness.addCheckpoint(try fixture.request(old: 100, new: 100), state: &state)
    }

    @Test func refusalsCarryTheSpecStatusCodes() throws {
        var fixture = Fixture()
        fixture.grow(to: 100)
        let witness = Witness(signer: TestKeys.witness(1))
        var state = Self.freshState()
        _ = try witness.addCheckpoint(try fixture.request(old: 0, new: 50), state: &state)
        let witnessed = state

        func refusal(_ request: AddCheckpointRequest) -> WitnessError? {
            var copy = witnessed
            do {
                _ = try witness.addCheckpoint(request, state: &copy)
                return nil
            } catch let error as WitnessError {
                #expect(copy == witnessed, "state must not change on refusal")
                return error
            } catch {
                return nil
            }
        }

        // Stale old size (the log thinks the witness is elsewhere): 409 with the witnessed size.
        let conflict = refusal(try fixture.request(old: 10, new: 100))
        #expect(conflict?.status == 409)
        #expect(conflict?.responseBody == "50\n")
        // Rollback to a smaller tree: old size 50 > checkpoint size 40 → 400.
        #expect(
            refusal(AddCheckpointRequest(oldSize: 50, proof: [], checkpoint: try fixture.note(size: 40)))?.status == 400
        )
        // A fork: another tree of the same size.
        var forked = Fixture()
        forked.tree.append(leafHash: RFC9162.leafHash([9]))
        forked.grow(to: 100)
        #expect(
            refusal(AddCheckpointRequest(oldSize: 50, proof: [], checkpoint: try forked.note(size: 50)))?.status == 422)
        let forkProof = try MerkleProofs.consistency(from: 50, to: 100, reader: forked.tree)
        #expect(
            refusal(AddCheckpointRequest(oldSize: 50, proof: forkProof, checkpoint: try forked.note(size: 100)))?.status
                == 422)
        // A bad proof: wrong length, wrong hashes.
        let good = try fixture.request(old: 50, new: 100)
        #expect(
            refusal(AddCheckpointRequest(oldSize: 50, proof: good.proof.dropLast(), checkpoint: good.checkpoint))?
                .status == 422)
        #expect(
            refusal(AddCheckpointRequest(oldSize: 50, proof: good.proof.reversed(), checkpoint: good.checkpoint))?
                .status == 422)
        // Unknown origin: 404. Untrusted key or bad signature: 403.
        #expect(
            refusal(
                AddCheckpointRequest(
                    oldSize: 0, proof: [], checkpoint: try fixture.note(size: 5, origin: "other.test/log")))?.status
                == 404)
        let stranger = Ed25519NoteSigner(name: TestKeys.origin, privateKey: TestKeys.privateKey(99))
        #expect(
            refusal(
                AddCheckpointRequest(
                    oldSize: 50, proof: good.proof, checkpoint: try fixture.note(size: 100, signer: stranger)))?.status
                == 403)
        var tampered = good.checkpoint
        tampered.signatures[0] = NoteSignature(
            name: tampered.signatures[0].name, keyID: tampered.signatures[0].keyID,
            signature: [UInt8](repeating: 7, count: 64))
        #expect(refusal(AddCheckpointRequest(oldSize: 50, proof: good.proof, checkpoint: tampered))?.status == 403)
        // Size 0 with a non-empty root: 422. Proof sent from size 0: 422.
        var fresh = Self.freshState()
        let bad0 = Checkpoint(origin: TestKeys.origin, size: 0, root: RFC9162.leafHash([1])).text
        let bad0Note = SignedNote(text: bad0, signatures: [try TestKeys.logSigner.signature(forText: bad0)])
        #expect(throws: WitnessError(.inconsistent, "")) {
            _ = try witness.addCheckpoint(
                AddCheckpointRequest(oldSize: 0, proof: [], checkpoint: bad0Note), state: &fresh)
        }
        #expect(throws: WitnessError(.inconsistent, "")) {
            _ = try witness.addCheckpoint(
                AddCheckpointRequest(oldSize: 0, proof: good.proof, checkpoint: good.checkpoint), state: &fresh)
        }
        // The good request still works afterwards.
        #expect(refusal(good) == nil)
    }

    @Test func requestBodyRoundTripsAndRejectsGarbage() throws {
        var fixture = Fixture()
        fixture.grow(to: 20)
        let request = try fixture.request(old: 7, new: 20)
        #expect(try AddCheckpointRequest(body: request.body) == request)
        for bad in [
            "", "old 1\n", "old 01\n\n\(request.checkpoint.serialized)", "old x\n\n\(request.checkpoint.serialized)",
            "old 1\nnotbase64\n\n\(request.checkpoint.serialized)", "old 1\n\nnot a note",
        ] {
            #expect(throws: WitnessError(.badRequest, "")) { try AddCheckpointRequest(body: bad) }
        }
    }

    @Test func logPublishesOnlyWithQuorum() throws {
        let signers = (1...3).map { TestKeys.witness(UInt8($0)) }
        let policyText = """
            # two of three departments
            log \(TestKeys.logSigner.verifierKey)
            witness hrss \(signers[0].verifierKey)
            witness medical \(signers[1].verifierKey)
            witness civil \(signers[2].verifierKey)
            quorum 2
            """
        let policy = try LogPolicy(text: policyText)
        #expect(policy.quorum == 2)
        let witnesses = signers.map { LocalWitness(witness: Witness(signer: $0), state: Self.freshState()) }
        let storage = InMemoryLogStorage()
        let log = try TransparencyLog.open(
            storage: storage, configuration: TestKeys.configuration(policy: policy, witnesses: witnesses))
        _ = try log.append(batch: (0..<10).map(TestKeys.entry))
        let note = try #require(log.published)
        #expect(note.signatures.count == 4)
        #expect(policy.cosigners(of: note).count == 3)
        #expect(witnesses.allSatisfy { $0.state.logs[TestKeys.origin]?.size == 10 })
        #expect(
            try LogVerifier.verify(storage: storage, verifier: TestKeys.logSigner.verifier, policy: policy).isIntact)

        // With only one witness answering, the checkpoint is committed but not published.
        let lonely = try TransparencyLog.open(
            storage: storage, configuration: TestKeys.configuration(policy: policy, witnesses: [witnesses[0]]))
        #expect(throws: LedgerError(.quorumNotMet, "")) { try lonely.append(batch: [TestKeys.entry(10)]) }
        #expect(lonely.committed.size == 11)
        #expect(try Checkpoint(text: try #require(lonely.published).text).size == 10)
        // Witnesses return; the log catches them up from their own sizes (409 then retry).
        let back = try TransparencyLog.open(
            storage: storage, configuration: TestKeys.configuration(policy: policy, witnesses: witnesses))
        let published = try back.publish()
        #expect(try Checkpoint(text: published.text).size == 11)
        #expect(policy.cosigners(of: published).count == 3)
    }

    @Test(arguments: ["", "quorum 2", "witness a key\nquorum 1", "quorum 1\nquorum 1", "bogus line\nquorum none"])
    func malformedPoliciesAreRejected(text: String) {
        #expect(throws: LedgerError(.malformedPolicy, "")) { try LogPolicy(text: text) }
    }
}
