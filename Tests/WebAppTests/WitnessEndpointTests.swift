import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Ledger
import NIOCore
import Storage
import Testing
import WebApp

@Suite("Witnessing over HTTP: the witness pulls the checkpoint and proof, submits its cosignature")
struct WitnessEndpointTests {
    /// A department's witness with a real Ed25519 key, following the test world's log.
    struct Department {
        let witness: Witness
        var state: WitnessState

        init(name: String, logKey: String, origin: String) {
            witness = Witness(signer: CosignatureSigner(name: name, privateKey: Curve25519.Signing.PrivateKey()))
            state = WitnessState(logs: [origin: .init(verifierKeys: [logKey])])
        }

        var verifierKey: String { witness.signer.verifierKey }

        /// Runs the witness's own checks on the request body and returns the note to submit.
        mutating func cosign(_ body: String) throws -> String {
            let request = try AddCheckpointRequest(body: body)
            let cosignature = try witness.addCheckpoint(request, state: &state)
            var note = request.checkpoint
            note.signatures.append(cosignature)
            return note.serialized
        }
    }

    /// A world whose data folder holds a witness policy naming `witnesses` with `quorum`.
    static func world(witnesses: [Department], quorum: Int) async throws -> (TestWorld, WebDependencies) {
        let world = try await TestWorld()
        let policy = witnesses.enumerated().map { "witness dept\($0.offset) \($0.element.verifierKey)\n" }.joined() + "quorum \(quorum)\n"
        try policy.write(toFile: world.folder + "/witness-policy.txt", atomically: true, encoding: .utf8)
        var dependencies = world.dependencies
        dependencies.dataFolder = world.folder
        for i in 0..<5 {
            try world.trail.record(AuditTrail.Record(type: .note, actor: "test", subject: "n/\(i)", payload: Data("\(i)".utf8)))
        }
        return (world, dependencies)
    }

    static func test(
        _ world: TestWorld, _ dependencies: WebDependencies, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let app = Application(router: try await buildRouter(configuration: world.configuration, dependencies: dependencies))
        try await app.test(.router, body)
    }

    static func logKey(_ world: TestWorld) throws -> String {
        try #require(world.trail.verifierKey)
    }

    @Test func aWitnessCosignsTwoCheckpointsInARowAndTheLogServesThemWithTheQuorum() async throws {
        let probe = try await TestWorld()
        let origin = AuditTrail.defaultOrigin
        var mof = Department(name: "mof.example/witness", logKey: try Self.logKey(probe), origin: origin)
        let other = Department(name: "mca.example/witness", logKey: try Self.logKey(probe), origin: origin)
        let (world, dependencies) = try await Self.world(witnesses: [mof, other], quorum: 1)
        // Each world has its own log key: the witness follows this one.
        mof.state = WitnessState(logs: [origin: .init(verifierKeys: [try Self.logKey(world)])])
        let trail = world.trail
        let firstBody = try await Self.fetch(world, dependencies, old: 0)
        let firstNote = try mof.cosign(firstBody)
        let firstSize = try Checkpoint(text: try SignedNote(parsing: firstNote).text).size
        #expect(firstSize == trail.size)
        try await Self.test(world, dependencies) { client in
            try await client.execute(
                uri: "/ledger/witness/cosignature", method: .post, body: ByteBuffer(string: firstNote)
            ) { response in
                #expect(response.status == .ok)
                let body = try client.json(response)
                #expect(body["quorum_met"] as? Bool == true)
                #expect(body["cosigners"] as? [String] == ["dept0"])
                #expect(body["tree_size"] as? Int == Int(firstSize))
            }
            try await client.execute(uri: "/ledger/witness/checkpoint", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[HTTPField.Name("X-FundWatch-Quorum")!] == "met")
                let note = try SignedNote(parsing: String(buffer: response.body))
                let policy = try LogPolicy(text: try String(contentsOfFile: world.folder + "/witness-policy.txt", encoding: .utf8))
                try policy.checkQuorum(note)
                _ = try note.verify(with: [trail.verifier])
            }
        }
        // The log grows; the witness asks from the size it cosigned and checks the consistency proof.
        try trail.record(AuditTrail.Record(type: .note, actor: "test", subject: "n/more", payload: Data("more".utf8)))
        let secondBody = try await Self.fetch(world, dependencies, old: firstSize)
        let request = try AddCheckpointRequest(body: secondBody)
        #expect(request.oldSize == firstSize)
        #expect(!request.proof.isEmpty)
        let secondNote = try mof.cosign(secondBody)
        #expect(mof.state.logs[origin]?.size == trail.size)
        try await Self.test(world, dependencies) { client in
            try await client.execute(uri: "/ledger/witness/cosignature", method: .post, body: ByteBuffer(string: secondNote)) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/ledger/witness/checkpoint", method: .get) { response in
                let note = try SignedNote(parsing: String(buffer: response.body))
                #expect(try Checkpoint(text: note.text).size == trail.size)
            }
            let token = try await world.token("nation.leader")
            try await client.execute(uri: "/api/v1/ledger/witnesses", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                let body = try client.json(response)
                #expect(body["newest_witnessed_size"] as? Int == Int(trail.size))
                #expect((body["latest"] as? [String: Any])?["witnesses"] as? [String] == ["dept0", "dept1"])
            }
            try await client.execute(uri: "/api/v1/ledger/witnesses", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    static func fetch(_ world: TestWorld, _ dependencies: WebDependencies, old: UInt64) async throws -> String {
        /// Carries the body out of the test client's closure.
        final class Box: @unchecked Sendable { var text = "" }
        let box = Box()
        let app = Application(router: try await buildRouter(configuration: world.configuration, dependencies: dependencies))
        try await app.test(.router) { client in
            box.text = try await client.execute(uri: "/ledger/witness/add-checkpoint?old=\(old)", method: .get) { response in
                #expect(response.status == .ok)
                return String(buffer: response.body)
            }
        }
        return box.text
    }

    @Test func submissionsThatAreNotThisLogsCheckpointOrNotFromAPolicyWitnessAreRefusedWithTheSpecsCodes() async throws {
        let probe = try await TestWorld()
        let origin = AuditTrail.defaultOrigin
        var member = Department(name: "mof.example/witness", logKey: try Self.logKey(probe), origin: origin)
        let (world, dependencies) = try await Self.world(witnesses: [member], quorum: 1)
        member.state = WitnessState(logs: [origin: .init(verifierKeys: [try Self.logKey(world)])])
        var stranger = Department(name: "stranger.example/witness", logKey: try Self.logKey(world), origin: origin)
        let body = try await Self.fetch(world, dependencies, old: 0)
        let strangersNote = try stranger.cosign(body)
        // The log's own key, to forge checkpoints this log never made (a fork, a future size).
        let logSigner = try KeyFile.loadOrCreateLogKey(path: AuditTrail.keyPath(data: world.folder), name: origin)
        let size = world.trail.size
        func forged(size: UInt64, root: MerkleHash) throws -> String {
            let text = Checkpoint(origin: origin, size: size, root: root).text
            var note = SignedNote(text: text, signatures: [try logSigner.signature(forText: text)])
            note.signatures.append(try member.witness.signer.signature(forText: text))
            return note.serialized
        }
        let fork = try forged(size: size, root: RFC9162.leafHash(Array("other".utf8)))
        let future = try forged(size: size + 10, root: RFC9162.leafHash(Array("future".utf8)))
        // A cosigned note without the log's signature.
        let request = try AddCheckpointRequest(body: body)
        let unsigned = SignedNote(
            text: request.checkpoint.text, signatures: [try member.witness.signer.signature(forText: request.checkpoint.text)])
        let otherOrigin = try forgedOrigin(member: member)
        try await Self.test(world, dependencies) { client in
            let cases: [(String, HTTPResponse.Status)] = [
                ("not a note", .badRequest),
                (strangersNote, .forbidden),
                (unsigned.serialized, .forbidden),
                (fork, .unprocessableContent),
                (future, .conflict),
                (otherOrigin, .notFound),
            ]
            for (note, status) in cases {
                try await client.execute(uri: "/ledger/witness/cosignature", method: .post, body: ByteBuffer(string: note)) { response in
                    #expect(response.status == status, "\(String(buffer: response.body))")
                }
            }
            for (query, status) in [("old=abc", HTTPResponse.Status.badRequest), ("old=007", .badRequest), ("old=\(size + 1)", .conflict)] {
                try await client.execute(uri: "/ledger/witness/add-checkpoint?\(query)", method: .get) { response in
                    #expect(response.status == status)
                }
            }
            // Nothing refused was stored: the served checkpoint has no cosignature.
            try await client.execute(uri: "/ledger/witness/checkpoint", method: .get) { response in
                #expect(response.headers[HTTPField.Name("X-FundWatch-Quorum")!] == "not-met")
                let note = try SignedNote(parsing: String(buffer: response.body))
                #expect(note.signatures.count == 1)
            }
        }
    }

    /// A checkpoint of another log (another origin and key), cosigned by the policy's witness.
    func forgedOrigin(member: Department) throws -> String {
        let signer = Ed25519NoteSigner(name: "elsewhere.example/log", privateKey: Curve25519.Signing.PrivateKey())
        let text = Checkpoint(origin: "elsewhere.example/log", size: 1, root: RFC9162.leafHash([1])).text
        var note = SignedNote(text: text, signatures: [try signer.signature(forText: text)])
        note.signatures.append(try member.witness.signer.signature(forText: text))
        return note.serialized
    }
}
