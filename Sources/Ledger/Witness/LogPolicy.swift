/// Which witnesses a log's checkpoints need, and how many of them (a subset of the
/// C2SP tlog-policy format: `log <vkey>`, `witness <name> <vkey> [url]`,
/// `quorum <n>|any|all|none`, comments and blank lines).
public struct LogPolicy: Sendable {
    /// A named witness and its cosignature verifier.
    public struct Member: Sendable {
        /// The policy-local name.
        public let name: String
        /// The cosignature verifier (type 0x04).
        public let verifier: CosignatureVerifier
        /// The witness URL, if given.
        public let url: String?
    }

    /// The log verifier keys named by the policy.
    public let logKeys: [String]
    /// The witnesses.
    public let witnesses: [Member]
    /// How many distinct witnesses must cosign.
    public let quorum: Int

    /// Creates a policy.
    public init(logKeys: [String] = [], witnesses: [Member], quorum: Int) {
        self.logKeys = logKeys
        self.witnesses = witnesses
        self.quorum = quorum
    }

    /// A policy that needs no witnesses.
    public static let none = LogPolicy(witnesses: [], quorum: 0)

    /// Parses a policy file.
    public init(text: String) throws {
        var logKeys: [String] = []
        var witnesses: [Member] = []
        var quorum: Int?
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let words = raw.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let keyword = words.first, !keyword.hasPrefix("#") else { continue }
            let line = number + 1
            switch keyword {
            case "log":
                guard words.count >= 2 else {
                    throw LedgerError(.malformedPolicy, "line \(line): log needs a verifier key")
                }
                _ = try NoteKeys.verifier(fromVerifierKey: words[1])
                logKeys.append(words[1])
            case "witness":
                guard words.count == 3 || words.count == 4 else {
                    throw LedgerError(.malformedPolicy, "line \(line): witness <name> <vkey> [url]")
                }
                guard let verifier = try? NoteKeys.verifier(fromVerifierKey: words[2]) as? CosignatureVerifier else {
                    throw LedgerError(
                        .malformedPolicy, "line \(line): witness key is not a cosignature/v1 verifier key")
                }
                guard !witnesses.contains(where: { $0.name == words[1] }), words[1] != "none" else {
                    throw LedgerError(
                        .malformedPolicy, "line \(line): witness name \(words[1]) is reserved or repeated")
                }
                witnesses.append(Member(name: words[1], verifier: verifier, url: words.count == 4 ? words[3] : nil))
            case "quorum":
                guard quorum == nil, words.count == 2 else {
                    throw LedgerError(.malformedPolicy, "line \(line): exactly one 'quorum <n>|any|all|none'")
                }
                switch words[1] {
                case "none": quorum = 0
                case "any": quorum = 1
                case "all": quorum = witnesses.count
                default:
                    guard let n = Int(words[1]), n >= 0, n <= witnesses.count else {
                        throw LedgerError(
                            .malformedPolicy,
                            "line \(line): quorum must be 0...\(witnesses.count) of the witnesses above")
                    }
                    quorum = n
                }
            default:
                throw LedgerError(.malformedPolicy, "line \(line): unknown keyword \(keyword)")
            }
        }
        guard let quorum else { throw LedgerError(.malformedPolicy, "policy has no quorum line") }
        self.init(logKeys: logKeys, witnesses: witnesses, quorum: quorum)
    }

    /// The witnesses whose cosignatures on the note verify.
    public func cosigners(of note: SignedNote) -> [String] {
        let text = Array(note.text.utf8)
        return witnesses.filter { member in
            note.signatures.contains {
                $0.name == member.verifier.name && $0.keyID == member.verifier.keyID
                    && member.verifier.verify(message: text, signature: $0.signature)
            }
        }.map(\.name)
    }

    /// Checks that a checkpoint note is cosigned by a quorum of witnesses.
    public func checkQuorum(_ note: SignedNote) throws {
        let names = cosigners(of: note)
        guard names.count >= quorum else {
            throw LedgerError(
                .quorumNotMet, "\(names.count) of \(witnesses.count) witnesses cosigned; the policy needs \(quorum)")
        }
    }
}
