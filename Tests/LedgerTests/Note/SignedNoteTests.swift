import Crypto
import Foundation
import Ledger
import Testing

@Suite struct SignedNoteTests {
    struct Vectors: Decodable {
        struct Vector: Decodable {
            let signer_key: String
            let verifier_key: String
            let text: String
            let signature_line: String
        }
        let vectors: [Vector]
    }

    static func vectors() throws -> [Vectors.Vector] {
        try JSONDecoder().decode(Vectors.self, from: Fixtures.data("tlog/signed-notes.json")).vectors
    }

    @Test func reproducesSignedNoteVectorsByteForByte() throws {
        for v in try Self.vectors() {
            let signer = try NoteKeys.signer(fromSignerKey: v.signer_key)
            let signature = try signer.signature(forText: v.text)
            #expect(signature.line == v.signature_line + "\n")
            let ed = try #require(signer as? Ed25519NoteSigner)
            #expect(ed.verifierKey == v.verifier_key)
            #expect(ed.signerKey == v.signer_key)
            let note = SignedNote(text: v.text, signatures: [signature])
            // The whole note, byte for byte: text, one blank line, the signature line.
            #expect(Array(note.serialized.utf8) == Array((v.text + "\n" + v.signature_line + "\n").utf8))
            let parsed = try SignedNote(parsing: note.serialized)
            #expect(parsed == note)
            let verifier = try NoteKeys.verifier(fromVerifierKey: v.verifier_key)
            let verified = try parsed.verify(with: [verifier])
            #expect(verified.count == 1)
        }
    }

    @Test func specExampleVerifies() throws {
        let vkey = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k"
        let note =
            "This is an example message.\n\n\u{2014} example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n"
        let verifier = try NoteKeys.verifier(fromVerifierKey: vkey)
        #expect(try SignedNote(parsing: note).verify(with: [verifier]).count == 1)
    }

    @Test func tamperedTextAndWrongKeysAreRejected() throws {
        let v = try #require(try Self.vectors().first)
        let signer = try NoteKeys.signer(fromSignerKey: v.signer_key)
        let verifier = try NoteKeys.verifier(fromVerifierKey: v.verifier_key)
        let signature = try signer.signature(forText: v.text)
        let tampered = SignedNote(
            text: v.text.replacingOccurrences(of: "answer", with: "question"), signatures: [signature])
        #expect(throws: LedgerError(.badSignature, "")) { try tampered.verify(with: [verifier]) }
        let other = Ed25519NoteSigner(name: "other.example/log", privateKey: Curve25519.Signing.PrivateKey())
        #expect(throws: LedgerError(.unknownKey, "")) {
            try SignedNote(text: v.text, signatures: [signature]).verify(with: [other.verifier])
        }
        // Unknown signatures are ignored when a known one verifies.
        let both = SignedNote(text: v.text, signatures: [try other.signature(forText: v.text), signature])
        #expect(try both.verify(with: [verifier]).count == 1)
    }

    @Test(arguments: [
        "no newline at end",
        "text\n\n",
        "text\n\u{2014} name AAAAAAAA\n",
        "text\n\n\u{2014} name\n",
        "text\n\n\u{2014} name AAAA\n",
        "text\n\n\u{2014} na+me AAAAAAAAAAAA\n",
        "text\n\n- name AAAAAAAAAAAA\n",
        "text\n\n\u{2014} name !!!!\n",
        "te\u{07}xt\n\n\u{2014} name AAAAAAAAAAAA\n",
        "text\n\n\u{2014} name AAAAAAAAAAAA\n\n",
        "",
    ])
    func malformedNotesAreRejected(note: String) {
        #expect(throws: LedgerError(.malformedNote, "")) { try SignedNote(parsing: note) }
    }

    @Test func invalidUTF8IsRejected() {
        #expect(throws: LedgerError(.malformedNote, "")) { try SignedNote(parsing: [0x74, 0xff, 0x0a, 0x0a]) }
    }

    @Test(arguments: [
        "",
        "name+c74f20a3",
        "name+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10",
        "PeterNeumann+c74f20a3+BRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
    ])
    func malformedVerifierKeysAreRejected(vkey: String) {
        #expect(throws: LedgerError(.malformedKey, "")) { try NoteKeys.verifier(fromVerifierKey: vkey) }
    }

    @Test func checkpointRoundTripAndErrors() throws {
        let root = RFC9162.leafHash([1, 2, 3])
        let checkpoint = Checkpoint(origin: "example.com/log", size: 20852163, root: root)
        #expect(checkpoint.text == "example.com/log\n20852163\n\(root.base64)\n")
        #expect(try Checkpoint(text: checkpoint.text) == checkpoint)
        for bad in [
            "example.com/log\n012\n\(root.base64)\n", "example.com/log\n-1\n\(root.base64)\n",
            "example.com/log\n12\nAAAA\n", "\n12\n\(root.base64)\n", "example.com/log\n12\n",
            "example.com/log\n12\n\(root.base64)", "example.com/log\n12\n\(root.base64)\n\n",
        ] {
            #expect(throws: LedgerError(.malformedCheckpoint, "")) { try Checkpoint(text: bad) }
        }
    }

    @Test func cosignatureVerifiesAndCarriesTimestamp() throws {
        let key = Curve25519.Signing.PrivateKey()
        let time = Date(timeIntervalSince1970: 1_679_315_147)
        let cosigner = CosignatureSigner(name: "witness.example/w1", privateKey: key, clock: .fixed(time))
        let text = Checkpoint(origin: "example.com/log", size: 5, root: RFC9162.emptyRoot).text
        let signature = try cosigner.signature(forText: text)
        #expect(signature.signature.count == 72)
        #expect(
            cosigner.verifier.timestamp(ofValid: signature.signature, checkpointText: Array(text.utf8)) == 1_679_315_147
        )
        let parsedVerifier = try NoteKeys.verifier(fromVerifierKey: cosigner.verifierKey)
        #expect(parsedVerifier.keyID == cosigner.keyID)
        #expect(parsedVerifier.verify(message: Array(text.utf8), signature: signature.signature))
        // A cosignature is not an Ed25519 note signature: the key id differs by type.
        let plain = Ed25519NoteSigner(name: "witness.example/w1", privateKey: key)
        #expect(plain.keyID != cosigner.keyID)
        #expect(!parsedVerifier.verify(message: Array("other\n".utf8), signature: signature.signature))
    }
}
