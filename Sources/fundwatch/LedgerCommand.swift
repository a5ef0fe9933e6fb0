import ArgumentParser
import Foundation
import Ledger
import Storage

/// `fundwatch ledger …`: the tamper-evident transparency log.
struct LedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "The tamper-evident, witnessed transparency log (C2SP tlog-tiles, signed checkpoints).",
        subcommands: [
            Append.self, CheckpointCommand.self, Key.self, Proof.self, Entry.self, Verify.self, WitnessCommand.self,
        ]
    )
}

/// Options shared by every ledger subcommand.
struct LedgerOptions: ParsableArguments {
    @Option(help: "The data folder; the log lives in DATA/ledger, its key in DATA/keys.")
    var data: String = "./fundwatch-data"

    @Option(help: "The log's origin line and key name.")
    var origin: String = AuditTrail.defaultOrigin

    @Option(help: "A log policy file (witnesses and quorum) that checkpoints must meet.")
    var policy: String?

    var ledgerDirectory: String { AuditTrail.ledgerDirectory(data: data) }
    var keyPath: String { AuditTrail.keyPath(data: data) }

    func logSigner() throws -> Ed25519NoteSigner {
        try KeyFile.loadOrCreateLogKey(path: keyPath, name: origin)
    }

    func loadPolicy() throws -> LogPolicy {
        guard let policy else { return .none }
        guard let bytes = try readOptionalFile(policy) else {
            throw LedgerError(.malformedPolicy, "policy file \(policy) does not exist")
        }
        return try LogPolicy(text: String(decoding: bytes, as: UTF8.self))
    }

    func openLog() throws -> TransparencyLog {
        let signer = try logSigner()
        let configuration = TransparencyLog.Configuration(
            origin: origin, signer: signer, verifier: signer.verifier, policy: try loadPolicy())
        return try TransparencyLog.open(
            storage: try POSIXLogStorage(root: ledgerDirectory, exclusive: true), configuration: configuration)
    }
}

/// Writes bytes to standard output exactly.
func writeStandardOutput(_ bytes: [UInt8]) {
    FileHandle.standardOutput.write(Data(bytes))
}

/// Runs a ledger operation, turning library errors into a one-line message and exit code 1.
func runLedger(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as LedgerError {
        FileHandle.standardError.write(Data("error: \(error.code): \(error.reason)\n".utf8))
        throw ExitCode(1)
    } catch let error as WitnessError {
        FileHandle.standardError.write(Data("error: \(error.status) \(error.code): \(error.reason)\n".utf8))
        throw ExitCode(1)
    }
}

extension LedgerCommand {
    /// `ledger append --type T --json JSON`
    struct Append: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Append an entry and print its index.",
            discussion: """
                JSON is an object with "actor", "subject" and either "payload_sha256" (64 hex digits) or \
                "payload" (hashed here; it is not stored in the log). The time is the current time.
                """)

        @OptionGroup var options: LedgerOptions
        @Option(help: "Entry type: \(LedgerEntry.EntryType.allCases.map(\.rawValue).joined(separator: ", ")).")
        var type: String
        @Option(help: "The entry fields as a JSON object.")
        var json: String

        func run() async throws {
            try runLedger {
                guard let entryType = LedgerEntry.EntryType(rawValue: type) else {
                    throw LedgerError(.malformedEntry, "unknown type \(type)")
                }
                let entry = try LedgerEntryInput.entry(type: entryType, json: json, time: Date())
                let log = try options.openLog()
                let index = try log.append(batch: [entry.canonicalJSON]).lowerBound
                // An empty journal lets the next command open the log without replaying it.
                try log.close()
                print(index)
            }
        }
    }

    /// `ledger checkpoint`
    struct CheckpointCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "checkpoint", abstract: "Print the latest published checkpoint note exactly as served.")
        @OptionGroup var options: LedgerOptions

        func run() async throws {
            try runLedger {
                try options.openLog().close()
                guard let bytes = try POSIXLogStorage(root: options.ledgerDirectory).read(TilePath.checkpoint) else {
                    throw LedgerError(.missingTile, "no checkpoint has been published")
                }
                writeStandardOutput(bytes)
            }
        }
    }

    /// `ledger entry I`
    struct Entry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write entry I's exact bytes to standard output (no newline added).")
        @OptionGroup var options: LedgerOptions
        @Argument(help: "The entry index.") var index: UInt64

        func run() async throws {
            try runLedger { writeStandardOutput(try options.openLog().entry(at: index)) }
        }
    }

    /// `ledger verify`
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute the log from its entries and check every tile and checkpoint signature.")
        @OptionGroup var options: LedgerOptions

        func run() async throws {
            try runLedger {
                let signer = try options.logSigner()
                let policy = options.policy == nil ? nil : try options.loadPolicy()
                let report = try LogVerifier.verify(
                    storage: try POSIXLogStorage(root: options.ledgerDirectory), verifier: signer.verifier,
                    policy: policy)
                for damage in report.damages { print(damage) }
                print(
                    "size \(report.size), \(report.entriesChecked) entries rehashed, \(report.checkpointsChecked) checkpoints checked: \(report.isIntact ? "intact" : "DAMAGED")"
                )
                if !report.isIntact { throw ExitCode(2) }
            }
        }
    }
}
