/// A C2SP signed note: a text ending in a newline, a blank line, and one or more
/// signature lines.
public struct SignedNote: Hashable, Sendable {
    /// The most signatures a parsed note may carry (the spec asks for at least 16).
    public static let maximumSignatures = 100
    /// The largest note accepted by the parser, in bytes.
    public static let maximumSize = 1 << 20

    /// The signed text, including its final newline.
    public let text: String
    /// The signatures, in the order they appear.
    public var signatures: [NoteSignature]

    /// Creates a note from its text and signatures.
    public init(text: String, signatures: [NoteSignature]) {
        self.text = text
        self.signatures = signatures
    }

    /// The note as served: text, blank line, signature lines.
    public var serialized: String {
        text + "\n" + signatures.map(\.line).joined()
    }

    /// Parses a note, checking the format but no signatures.
    public init(parsing bytes: some Collection<UInt8>) throws {
        guard bytes.count <= Self.maximumSize else {
            throw LedgerError(.malformedNote, "note is larger than \(Self.maximumSize) bytes")
        }
        guard let string = String(validating: Array(bytes), as: UTF8.self) else {
            throw LedgerError(.malformedNote, "note is not valid UTF-8")
        }
        try self.init(parsing: string)
    }

    /// Parses a note, checking the format but no signatures.
    public init(parsing note: String) throws {
        if let bad = note.unicodeScalars.first(where: { $0.value < 0x20 && $0 != "\n" }) {
            throw LedgerError(.malformedNote, "note contains control character U+\(String(bad.value, radix: 16))")
        }
        guard note.hasSuffix("\n") else {
            throw LedgerError(.malformedNote, "note does not end in a newline")
        }
        // The text ends at the last blank line; everything after it is signatures.
        let bytes = Array(note.utf8)
        let newline = UInt8(ascii: "\n")
        var split = bytes.count - 2
        while split >= 0, !(bytes[split] == newline && bytes[split + 1] == newline) { split -= 1 }
        guard split >= 0 else {
            throw LedgerError(.malformedNote, "note has no blank line before its signatures")
        }
        let text = String(decoding: bytes[...split], as: UTF8.self)
        let signatureBlock = String(decoding: bytes[(split + 2)...], as: UTF8.self)
        let lines = signatureBlock.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        guard !lines.isEmpty else { throw LedgerError(.malformedNote, "note has no signatures") }
        guard lines.count <= Self.maximumSignatures else {
            throw LedgerError(.malformedNote, "note has more than \(Self.maximumSignatures) signatures")
        }
        self.text = text
        self.signatures = try lines.map { try NoteSignature(line: $0) }
    }

    /// Verifies the note against trusted keys as the spec requires: signatures from
    /// unknown keys are ignored, a known key whose signature fails rejects the note, and
    /// at least one known key must have signed. Returns the verifiers that signed.
    public func verify(with verifiers: [any NoteVerifier]) throws -> [any NoteVerifier] {
        var verified: [any NoteVerifier] = []
        let message = Array(text.utf8)
        for signature in signatures {
            guard let verifier = verifiers.first(where: { $0.name == signature.name && $0.keyID == signature.keyID })
            else { continue }
            guard verifier.verify(message: message, signature: signature.signature) else {
                throw LedgerError(.badSignature, "signature of \(signature.name) does not verify")
            }
            if !verified.contains(where: { $0.name == verifier.name && $0.keyID == verifier.keyID }) {
                verified.append(verifier)
            }
        }
        guard !verified.isEmpty else {
            throw LedgerError(.unknownKey, "note has no signature from a trusted key")
        }
        return verified
    }
}
