import Crypto
import Foundation
import Ledger
import Logging
import Storage

extension WebDependencies {
    /// Where a data folder keeps the key that seals person references in URLs.
    public static func personKeyPath(data: String) -> String { data + "/keys/web-person.key" }

    /// The dependencies of a data folder as `serve` and `demo` use them: its database, its ledger
    /// (opened exclusively: one writer process at a time; checkpoints published at most once per
    /// `checkpointInterval`, see `AuditTrail.openForServing`), the built-in rules, the person
    /// reference key (created on first use, mode 0600), and the population in memory for the
    /// payment check (built on first use).
    public static func open(
        data: String, random: RandomBytes = .system, checkpointInterval: Duration = .seconds(1)
    ) throws -> WebDependencies {
        let database = try FundWatchDatabase.open(dataFolder: URL(fileURLWithPath: data))
        let trail = try AuditTrail.openForServing(data: data, checkpointInterval: checkpointInterval)
        var dependencies = WebDependencies(
            database: database, trail: trail, ledgerDirectory: AuditTrail.ledgerDirectory(data: data),
            rules: try RuleLibrary.builtIn(), random: random,
            personKey: try loadOrCreateKey(path: personKeyPath(data: data), random: random))
        dependencies.dataFolder = data
        let logger = dependencies.logger
        dependencies.paymentPopulation = PaymentPopulation(
            database: database,
            onError: { error in
                logger.error("payment check: cannot load the population; checks read the database", metadata: ["error": "\(error)"])
            })
        return dependencies
    }

    /// A 256-bit key stored as 64 hex digits; created from `random` when the file is missing.
    static func loadOrCreateKey(path: String, random: RandomBytes) throws -> SymmetricKey {
        if let text = try? String(contentsOfFile: path, encoding: .utf8) {
            let hex = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let bytes = HexCoding.decode(hex), bytes.count == 32 else {
                throw WebSetupError("\(path): not a 256-bit key (64 hex digits); delete it to make a new one (old person links stop working)")
            }
            return SymmetricKey(data: bytes)
        }
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let bytes = random.bytes(32)
        let hex = HexCoding.encode(bytes)
        guard FileManager.default.createFile(atPath: path, contents: Data((hex + "\n").utf8), attributes: [.posixPermissions: 0o600])
        else { throw WebSetupError("\(path): cannot write the key file; check the folder's permissions") }
        return SymmetricKey(data: bytes)
    }
}
