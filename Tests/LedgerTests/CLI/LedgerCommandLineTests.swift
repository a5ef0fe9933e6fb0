import Foundation
import Ledger
import Testing

/// Runs the built `fundwatch ledger …` commands as a user would: exit codes, exact output,
/// and every bad input of the issue answered with a clear error and no cosignature.
@Suite(.serialized) struct LedgerCommandLineTests {
    /// `fundwatch` is built next to the test bundle by `swift build` and `swift test`.
    static var fundwatchPath: String? {
        let path = Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("fundwatch").path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    struct Outcome {
        var status: Int32
        var output: [UInt8]
        var error: String
        var text: String { String(decoding: output, as: UTF8.self) }
    }

    static func run(_ arguments: [String]) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(fundwatchPath))
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outBytes = output.fileHandleForReading.readDataToEndOfFile()
        let errBytes = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, output: Array(outBytes),
            error: String(decoding: errBytes, as: UTF8.self))
    }

    /// A scratch folder removed at the end of the test.
    final class Scratch {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-cli-\(UUID().uuidString)")
            .path
        init() throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        func file(_ name: String) -> String { path + "/" + name }
        func write(_ name: String, _ text: String) throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: file(name)))
        }
        func read(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: file(name)))) }
    }

    static func ledger(_ data: String, _ arguments: String...) throws -> Outcome {
        try run(["ledger"] + arguments + ["--data", data])
    }

    static func append(_ data: String, _ n: Int) throws -> Outcome {
        try ledger(
            data, "append", "--type", "payment_check", "--json",
            #"{"actor":"auditor-\#(n)","subject":"payment/\#(n)","payload":{"amount":\#(n)}}"#)
    }

    static func json(_ outcome: Outcome) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(outcome.output)) as? [String: Any])
    }

    static func hashes(_ object: [String: Any], _ key: String) throws -> [MerkleHash] {
        let list = try #require(object[key] as? [String])
        return try list.map { try #require(MerkleHash(base64: $0)) }
    }

    static func hash(_ object: [String: Any], _ key: String) throws -> MerkleHash {
        let text = try #require(object[key] as? String)
        return try #require(MerkleHash(base64: text))
    }

    @Test(.enabled(if: fundwatchPath != nil, "fundwatch is built next to the tests"))
    func appendCheckpointProofEntryAndVerifyAgree() throws {
        let scratch = try Scratch()
        let data = scratch.file("data")
        let key = try Self.ledger(data, "key")
        #expect(key.status == 0)
        let verifierKey = key.text.trimmingCharacters(in: .newlines)
        #expect(verifierKey.hasPrefix("fundwatch.local/ledger+"))
        let verifier = try NoteKeys.verifier(fromVerifierKey: verifierKey)
        for n in 0..<5 {
            let appended = try Self.append(data, n)
            #expect(appended.status == 0, "\(appended.error)")
            #expect(appended.text == "\(n)\n")
        }
        let served = try Self.ledger(data, "checkpoint")
        #expect(served.status == 0)
        let note = try SignedNote(parsing: served.output)
        _ = try note.verify(with: [verifier])
        let checkpoint = try Checkpoint(text: note.text)
        #expect(checkpoint.size == 5)
        #expect(checkpoint.origin == "fundwatch.local/ledger")

        // `entry I` is the exact bytes: their leaf hash is the proof's leaf hash.
        let entry = try Self.ledger(data, "entry", "3")
        #expect(entry.status == 0)
        #expect(entry.output.last != 0x0A)
        let parsed = try LedgerEntry(canonicalJSON: entry.output)
        #expect(parsed.actor == "auditor-3")
        let inclusion = try Self.json(try Self.ledger(data, "proof", "inclusion", "--index", "3", "--json"))
        #expect(inclusion["index"] as? Int == 3)
        #expect(inclusion["tree_size"] as? Int == 5)
        #expect(try Self.hash(inclusion, "leaf_hash") == RFC9162.leafHash(entry.output))
        #expect(try Self.hash(inclusion, "root") == checkpoint.root)
        try MerkleVerifier.verifyInclusion(
            index: 3, size: 5, leafHash: RFC9162.leafHash(entry.output), proof: try Self.hashes(inclusion, "hashes"),
            root: checkpoint.root)
        let older = try Self.json(try Self.ledger(data, "proof", "inclusion", "--index", "1", "--size", "2", "--json"))
        #expect(try Self.hashes(older, "hashes").count == 1)

        let consistency = try Self.json(
            try Self.ledger(data, "proof", "consistency", "--from", "2", "--to", "5", "--json"))
        #expect(try Self.hash(consistency, "root2") == checkpoint.root)
        try MerkleVerifier.verifyConsistency(
            oldSize: 2, newSize: 5, proof: try Self.hashes(consistency, "hashes"),
            oldRoot: try Self.hash(consistency, "root1"), newRoot: checkpoint.root)

        let verified = try Self.ledger(data, "verify")
        #expect(verified.status == 0)
        #expect(verified.text.contains("size 5, 5 entries rehashed"))
        #expect(verified.text.contains("intact"))
    }

    @Test(.enabled(if: fundwatchPath != nil, "fundwatch is built next to the tests"))
    func badInputIsAClearErrorWithExitCodeOne() throws {
        let scratch = try Scratch()
        let data = scratch.file("data")
        for n in 0..<3 { #expect(try Self.append(data, n).status == 0) }
        let cases: [(arguments: [String], says: String)] = [
            (["append", "--type", "payment", "--json", "{}"], "unknown type payment"),
            (["append", "--type", "note", "--json", "[1,"], "--json must be a JSON object"),
            (["append", "--type", "note", "--json", #"{"actor":"a","subject":"s"}"#], "exactly one of payload_sha256"),
            (
                ["append", "--type", "note", "--json", #"{"actor":"a","subject":"s","payload_sha256":"xyz"}"#],
                "payload"
            ),
            (
                ["append", "--type", "note", "--json", #"{"actor":"a","subject":"s","payload":"p","name":"张三"}"#],
                "unexpected field name"
            ),
            (["entry", "3"], "sizeOutOfRange"),
            (["proof", "inclusion", "--index", "3", "--json"], "sizeOutOfRange"),
            (["proof", "inclusion", "--index", "0", "--size", "4", "--json"], "sizeOutOfRange"),
            (["proof", "consistency", "--from", "3", "--to", "2", "--json"], "sizeOutOfRange"),
            (["proof", "consistency", "--from", "1", "--to", "9", "--json"], "sizeOutOfRange"),
            (["proof", "consistency", "--from", "0", "--to", "2", "--json"], "sizeOutOfRange"),
        ]
        for (arguments, says) in cases {
            let outcome = try Self.run(["ledger"] + arguments + ["--data", data])
            #expect(outcome.status == 1, "\(arguments)")
            #expect(outcome.error.hasPrefix("error: "), "\(arguments): \(outcome.error)")
            #expect(outcome.error.contains(says), "\(arguments): \(outcome.error)")
            #expect(outcome.output.isEmpty, "\(arguments)")
            #expect(!outcome.error.contains("Fatal error"), "\(arguments)")
        }
        // A log opened under another origin than its key's name is refused, not overwritten.
        let otherOrigin = try Self.run(["ledger", "key", "--data", data, "--origin", "other.example/log"])
        #expect(otherOrigin.status == 1)
        #expect(otherOrigin.error.contains("originMismatch"))
        // Nothing above changed the log.
        #expect(try Self.ledger(data, "verify").text.contains("size 3, 3 entries rehashed"))
    }

    @Test(.enabled(if: fundwatchPath != nil, "fundwatch is built next to the tests"))
    func verifyReportsDamageWithExitCodeTwo() throws {
        let scratch = try Scratch()
        let data = scratch.file("data")
        for n in 0..<3 { #expect(try Self.append(data, n).status == 0) }
        let bundle = data + "/ledger/tile/entries/000.p/3"
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: bundle)))
        bytes[bytes.count - 3] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: bundle))
        let verified = try Self.ledger(data, "verify")
        #expect(verified.status == 2)
        #expect(verified.text.contains("DAMAGED"))
        #expect(verified.text.contains("tile/0/000.p/3"))
    }

    @Test(.enabled(if: fundwatchPath != nil, "fundwatch is built next to the tests"))
    func keyGenerateRefusesToOverwriteAndBadNames() throws {
        let scratch = try Scratch()
        let keyFile = scratch.file("w1.key")
        let made = try Self.run(["ledger", "key", "generate", "--name", "witness.mof.example/w1", "--out", keyFile])
        #expect(made.status == 0)
        #expect(made.text.hasPrefix("witness.mof.example/w1+"))
        let before = try scratch.read("w1.key")
        let again = try Self.run(["ledger", "key", "generate", "--name", "witness.mof.example/w1", "--out", keyFile])
        #expect(again.status == 1)
        #expect(again.error.contains("keyExists"))
        #expect(try scratch.read("w1.key") == before)
        // Private keys are readable by their owner only: the witness's and the log's own.
        let mode = try FileManager.default.attributesOfItem(atPath: keyFile)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        let data = scratch.file("data")
        #expect(try Self.ledger(data, "key").status == 0)
        let logKeyMode = try FileManager.default.attributesOfItem(atPath: data + "/keys/ledger.key")[.posixPermissions]
        #expect((logKeyMode as? NSNumber)?.intValue == 0o600)
        let badName = try Self.run(["ledger", "key", "generate", "--name", "bad name", "--out", scratch.file("x.key")])
        #expect(badName.status == 1)
        #expect(badName.error.contains("malformedKey"))
        #expect(!FileManager.default.fileExists(atPath: scratch.file("x.key")))
    }

    @Test(.enabled(if: fundwatchPath != nil, "fundwatch is built next to the tests"))
    func witnessCosignsConsistentCheckpointsAndRefusesEverythingElse() throws {
        let scratch = try Scratch()
        let data = scratch.file("data")
        let witnessKey = try Self.run(
            ["ledger", "key", "generate", "--name", "witness.mof.example/w1", "--out", scratch.file("w1.key")])
        let witnessVerifier = try NoteKeys.verifier(fromVerifierKey: witnessKey.text.trimmingCharacters(in: .newlines))
        let logKey = try Self.ledger(data, "key").text.trimmingCharacters(in: .newlines)
        for n in 0..<3 { #expect(try Self.append(data, n).status == 0) }
        try scratch.write("cp3", try Self.ledger(data, "checkpoint").text)
        try scratch.write("from0", "old 0\n")

        func cosign(_ checkpoint: String, _ proof: String, trust: Bool = false, key: String = "w1.key") throws
            -> Outcome
        {
            var arguments = [
                "ledger", "witness", "cosign", "--state", scratch.file("state.json"), "--key", scratch.file(key),
                "--checkpoint", scratch.file(checkpoint), "--proof", scratch.file(proof),
            ]
            if trust { arguments += ["--log-key", logKey] }
            return try Self.run(arguments)
        }

        // First sight of the log: the witness is told which key to trust.
        let first = try cosign("cp3", "from0", trust: true)
        #expect(first.status == 0, "\(first.error)")
        var note = try SignedNote(parsing: try scratch.read("cp3"))
        note.signatures.append(try NoteSignature(line: Substring(first.text.trimmingCharacters(in: .newlines))))
        _ = try note.verify(with: [witnessVerifier])

        // The log grows; a consistency proof from 3 lets the witness cosign size 5.
        for n in 3..<5 { #expect(try Self.append(data, n).status == 0) }
        try scratch.write("cp5", try Self.ledger(data, "checkpoint").text)
        try scratch.write(
            "proof3to5", try Self.ledger(data, "proof", "consistency", "--from", "3", "--to", "5", "--json").text)
        let proof = try #require(
            try JSONSerialization.jsonObject(with: Data(try scratch.read("proof3to5"))) as? [String: Any])
        let hashes = try Self.hashes(proof, "hashes")
        try scratch.write(
            "short",
            #"{"from":3,"to":5,"hashes":[\#(hashes.dropLast().map { "\"\($0.base64)\"" }.joined(separator: ","))]}"#)
        try scratch.write(
            "long",
            #"{"from":3,"to":5,"hashes":[\#((hashes + [hashes[0]]).map { "\"\($0.base64)\"" }.joined(separator: ","))]}"#
        )
        // A wrong-length proof is refused (422) and changes nothing.
        for bad in ["short", "long"] {
            let before = try scratch.read("state.json")
            let refused = try cosign("cp5", bad)
            #expect(refused.status == 1)
            #expect(refused.error.contains("422"), "\(refused.error)")
            #expect(refused.output.isEmpty)
            #expect(try scratch.read("state.json") == before)
        }
        let second = try cosign("cp5", "proof3to5")
        #expect(second.status == 0, "\(second.error)")

        // Asked to roll back to size 3: refused as a conflict (409) with the witnessed size.
        try scratch.write("from5", "old 5\n")
        let states = try scratch.read("state.json")
        try scratch.write("from3", "old 3\n")
        for (checkpoint, proofFile, status) in [("cp3", "from3", "409"), ("cp3", "from5", "400")] {
            let refused = try cosign(checkpoint, proofFile)
            #expect(refused.status == 1)
            #expect(refused.error.contains(status), "\(checkpoint) \(proofFile): \(refused.error)")
            #expect(refused.output.isEmpty)
            #expect(try scratch.read("state.json") == states)
        }

        // A malformed note, a bad signature, another log's key: refused, never cosigned.
        try scratch.write("garbage", "not a checkpoint\n")
        var tampered = try scratch.read("cp5")
        let dash = try #require(tampered.lastIndex(of: 0x20))
        tampered[dash + 10] = tampered[dash + 10] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        try Data(tampered).write(to: URL(fileURLWithPath: scratch.file("tampered")))
        let otherData = scratch.file("other")
        #expect(try Self.append(otherData, 0).status == 0)
        try scratch.write("foreign", try Self.ledger(otherData, "checkpoint").text)
        try scratch.write("from5again", "old 5\n")
        for (checkpoint, says) in [("garbage", "malformed"), ("tampered", "403"), ("foreign", "403")] {
            let refused = try cosign(checkpoint, "from5again")
            #expect(refused.status == 1, "\(checkpoint)")
            #expect(refused.error.contains(says), "\(checkpoint): \(refused.error)")
            #expect(refused.output.isEmpty, "\(checkpoint)")
            #expect(try scratch.read("state.json") == states)
        }
        // The log's own key is not a witness key.
        let wrongKey = try cosign("cp5", "from5again", key: "data/keys/ledger.key")
        #expect(wrongKey.status == 1)
        #expect(wrongKey.error.contains("malformedKey") || wrongKey.error.contains("not a witness"))
        #expect(wrongKey.output.isEmpty)
    }

    @Test(.enabled(if: fundwatchPath != nil, "fundwatch is built next to the tests"))
    func missingAndMalformedFilesAreClearErrorsThatChangeNothing() throws {
        let scratch = try Scratch()
        let data = scratch.file("data")
        for n in 0..<3 { #expect(try Self.append(data, n).status == 0) }
        #expect(
            try Self.run(["ledger", "key", "generate", "--name", "w.example/w1", "--out", scratch.file("w1.key")])
                .status == 0)
        let logKey = try Self.ledger(data, "key").text.trimmingCharacters(in: .newlines)
        try scratch.write("cp3", try Self.ledger(data, "checkpoint").text)
        try scratch.write("from0", "old 0\n")
        try scratch.write("garbage", "{not json")
        try scratch.write("badhash", "old 0\nnot-base64!\n")

        func cosign(state: String, key: String, checkpoint: String, proof: String, trust: Bool) throws -> Outcome {
            var arguments = [
                "ledger", "witness", "cosign", "--state", scratch.file(state), "--key", scratch.file(key),
                "--checkpoint", scratch.file(checkpoint), "--proof", scratch.file(proof),
            ]
            if trust { arguments += ["--log-key", logKey] }
            return try Self.run(arguments)
        }
        let cases: [(state: String, key: String, checkpoint: String, proof: String, trust: Bool, says: String)] = [
            ("state.json", "nokey", "cp3", "from0", true, "nokey does not exist"),
            ("state.json", "w1.key", "nocheckpoint", "from0", true, "nocheckpoint does not exist"),
            ("state.json", "w1.key", "cp3", "noproof", true, "noproof does not exist"),
            ("state.json", "w1.key", "cp3", "garbage", true, "must be proof JSON or start with 'old <size>'"),
            ("state.json", "w1.key", "cp3", "badhash", true, "is not the base64 of a 32-byte hash"),
            ("garbage", "w1.key", "cp3", "from0", true, "malformedWitnessState"),
            // A witness that was never told to trust this log: 404, the origin is unknown to it.
            ("state.json", "w1.key", "cp3", "from0", false, "404"),
        ]
        for c in cases {
            let outcome = try cosign(
                state: c.state, key: c.key, checkpoint: c.checkpoint, proof: c.proof, trust: c.trust)
            #expect(outcome.status == 1, "\(c)")
            #expect(outcome.error.hasPrefix("error: "), "\(c): \(outcome.error)")
            #expect(outcome.error.contains(c.says), "\(c): \(outcome.error)")
            #expect(outcome.output.isEmpty, "\(c)")
            #expect(!FileManager.default.fileExists(atPath: scratch.file("state.json")), "\(c)")
        }
        #expect(try scratch.read("garbage") == Array("{not json".utf8))
        // A policy file that is absent or malformed is refused before the log is touched.
        try scratch.write("policy", "quorum two\n")
        for (policy, says) in [
            (scratch.file("nopolicy"), "does not exist"), (scratch.file("policy"), "malformedPolicy"),
        ] {
            let outcome = try Self.run(["ledger", "checkpoint", "--data", data, "--policy", policy])
            #expect(outcome.status == 1, "\(policy)")
            #expect(outcome.error.contains(says), "\(policy): \(outcome.error)")
            #expect(outcome.output.isEmpty)
        }
        // An inclusion proof in the empty tree, and an entry far past the end.
        for arguments in [
            ["proof", "inclusion", "--index", "0", "--size", "0", "--json"], ["entry", "18446744073709551615"],
        ] {
            let outcome = try Self.run(["ledger"] + arguments + ["--data", data])
            #expect(outcome.status == 1, "\(arguments)")
            #expect(outcome.error.contains("sizeOutOfRange"), "\(arguments): \(outcome.error)")
        }
        #expect(try Self.ledger(data, "verify").text.contains("size 3, 3 entries rehashed"))
    }
}
