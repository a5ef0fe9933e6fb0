import Foundation
import Ledger
import Testing

/// Random damage to every input format: never a crash, never a wrong cosignature.
@Suite struct MalformedInputTests {
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func mutate(_ bytes: [UInt8], _ rng: inout Generator) -> [UInt8] {
        var out = bytes
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            guard !out.isEmpty else { break }
            let i = Int.random(in: 0..<out.count, using: &rng)
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: out[i] ^= UInt8(1 << Int.random(in: 0..<8, using: &rng))
            case 1: out.remove(at: i)
            case 2: out.insert(UInt8.random(in: 0...255, using: &rng), at: i)
            default: out = Array(out.prefix(i))
            }
        }
        return out
    }

    @Test func mutatedAddCheckpointRequestsAreNeverCosignedWrongly() throws {
        var tree = InMemoryMerkleTree()
        for i in 0..<300 { tree.append(leafHash: RFC9162.leafHash(TestKeys.entry(i))) }
        let checkpoint = Checkpoint(origin: TestKeys.origin, size: 300, root: try tree.root())
        let note = SignedNote(
            text: checkpoint.text, signatures: [try TestKeys.logSigner.signature(forText: checkpoint.text)])
        let proof = try MerkleProofs.consistency(from: 100, to: 300, reader: tree)
        let original = AddCheckpointRequest(oldSize: 100, proof: proof, checkpoint: note)
        let witness = Witness(signer: TestKeys.witness(1))
        let state = WitnessState(logs: [
            TestKeys.origin: .init(
                verifierKeys: [TestKeys.logSigner.verifierKey], size: 100, root: try tree.root(size: 100).base64)
        ])
        var rng = Generator(state: 1)
        var cosigned = 0
        var refused = 0
        for _ in 0..<3000 {
            let body = Self.mutate(Array(original.body.utf8), &rng)
            guard let text = String(validating: body, as: UTF8.self),
                let request = try? AddCheckpointRequest(body: text)
            else {
                refused += 1
                continue
            }
            var copy = state
            if (try? witness.addCheckpoint(request, state: &copy)) != nil {
                // Only harmless changes can pass: the same checkpoint and proof.
                #expect(request.checkpoint.text == original.checkpoint.text)
                #expect(request.proof == original.proof)
                #expect(request.oldSize == 100)
                cosigned += 1
            } else {
                #expect(copy == state)
                refused += 1
            }
        }
        #expect(refused > 2500)
    }

    @Test func mutatedNotesCheckpointsEntriesAndBundlesNeverCrash() throws {
        var rng = Generator(state: 2)
        let checkpoint = Checkpoint(origin: TestKeys.origin, size: 5, root: RFC9162.emptyRoot)
        let note = SignedNote(
            text: checkpoint.text, signatures: [try TestKeys.logSigner.signature(forText: checkpoint.text)])
        let entry = TestKeys.entry(3)
        var bundle: [UInt8] = []
        for i in 0..<5 { TileCodec.appendEntry(TestKeys.entry(i), to: &bundle) }
        let vkey = Array(TestKeys.logSigner.verifierKey.utf8)
        for _ in 0..<3000 {
            let mutatedNote = Self.mutate(Array(note.serialized.utf8), &rng)
            if let parsed = try? SignedNote(parsing: mutatedNote) {
                if (try? parsed.verify(with: [TestKeys.logSigner.verifier])) != nil {
                    #expect(parsed.text == note.text)
                }
            }
            _ = try? Checkpoint(text: String(decoding: Self.mutate(Array(checkpoint.text.utf8), &rng), as: UTF8.self))
            let mutatedEntry = Self.mutate(entry, &rng)
            if let parsed = try? LedgerEntry(canonicalJSON: mutatedEntry) {
                // Whatever parses is canonical: its bytes are exactly the input.
                #expect(parsed.canonicalJSON == mutatedEntry)
            }
            _ = try? TileCodec.decodeBundle(Self.mutate(bundle, &rng))
            _ = try? NoteKeys.verifier(fromVerifierKey: String(decoding: Self.mutate(vkey, &rng), as: UTF8.self))
            _ = try? LogPolicy(
                text: String(decoding: Self.mutate(Array("witness a b\nquorum 1\n".utf8), &rng), as: UTF8.self))
            _ = try? WitnessState(json: Self.mutate(Array(#"{"logs":{"a":{"verifier_keys":[],"size":1}}}"#.utf8), &rng))
        }
    }

    @Test func proofsOfWrongShapeAndSizesOutOfRangeAreErrors() throws {
        var tree = InMemoryMerkleTree()
        for i in 0..<10 { tree.append(leafHash: RFC9162.leafHash(TestKeys.entry(i))) }
        let root = try tree.root()
        let leaf = RFC9162.leafHash(TestKeys.entry(3))
        let proof = try MerkleProofs.inclusion(index: 3, size: 10, reader: tree)
        for (index, size) in [(10, 10), (3, 0), (UInt64.max, UInt64.max), (3, 1 << 63)] as [(UInt64, UInt64)] {
            #expect(throws: LedgerError.self) {
                try MerkleVerifier.verifyInclusion(index: index, size: size, leafHash: leaf, proof: proof, root: root)
            }
        }
        #expect(throws: LedgerError.self) { try MerkleProofs.inclusion(index: 3, size: 11, reader: tree) }
        #expect(throws: LedgerError.self) { try MerkleProofs.consistency(from: 0, to: 5, reader: tree) }
        #expect(throws: LedgerError.self) { try MerkleProofs.consistency(from: 6, to: 5, reader: tree) }
        #expect(throws: LedgerError.self) {
            try MerkleVerifier.verifyConsistency(
                oldSize: UInt64.max, newSize: UInt64.max, proof: [], oldRoot: root, newRoot: leaf)
        }
        let big = [MerkleHash](repeating: root, count: 70)
        #expect(throws: LedgerError(.wrongProofSize, "")) {
            try MerkleVerifier.verifyConsistency(oldSize: 3, newSize: 1 << 40, proof: big, oldRoot: root, newRoot: root)
        }
    }
}
