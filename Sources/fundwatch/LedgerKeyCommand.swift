import ArgumentParser
import Foundation
import Ledger

extension LedgerCommand {
    /// `ledger key` and `ledger key generate`
    struct Key: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the log's verifier key, or generate a witness key.",
            subcommands: [Show.self, Generate.self], defaultSubcommand: Show.self)

        struct Show: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "show", abstract: "Print the log's verifier key (creating the log key on first use).")
            @OptionGroup var options: LedgerOptions

            func run() async throws {
                try runLedger { print(try options.logSigner().verifierKey) }
            }
        }

        struct Generate: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Create a witness (cosignature/v1) key file and print its verifier key.")
            @Option(help: "The witness's key name, e.g. witness.mof.example/w1.") var name: String
            @Option(help: "The key file to create; refused if it exists.") var out: String

            func run() async throws {
                try runLedger { print(try KeyFile.createWitnessKey(path: out, name: name).verifierKey) }
            }
        }
    }
}
