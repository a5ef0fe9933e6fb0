import ArgumentParser
import Foundation
import Ledger

extension LedgerCommand {
    /// `ledger proof inclusion|consistency`
    struct Proof: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print inclusion and consistency proofs.", subcommands: [Inclusion.self, Consistency.self])

        struct Inclusion: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "The inclusion proof of an entry.")
            @OptionGroup var options: LedgerOptions
            @Option(help: "The entry index.") var index: UInt64
            @Option(help: "The tree size (default: the latest).") var size: UInt64?
            @Flag(help: "Print JSON.") var json = false

            func run() async throws {
                try runLedger {
                    let log = try options.openLog()
                    let size = size ?? log.committed.size
                    let hashes = try log.inclusionProof(index: index, size: size)
                    let leaf = RFC9162.leafHash(try log.entry(at: index))
                    let root = try log.root(size: size)
                    if json {
                        print(
                            #"{"index":\#(index),"tree_size":\#(size),"leaf_hash":"\#(leaf.base64)","hashes":\#(jsonList(hashes)),"root":"\#(root.base64)"}"#
                        )
                    } else {
                        print("index \(index)\ntree_size \(size)\nleaf_hash \(leaf.base64)\nroot \(root.base64)")
                        hashes.forEach { print($0.base64) }
                    }
                }
            }
        }

        struct Consistency: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "The consistency proof between two tree sizes.")
            @OptionGroup var options: LedgerOptions
            @Option(help: "The older tree size.") var from: UInt64
            @Option(help: "The newer tree size.") var to: UInt64
            @Flag(help: "Print JSON.") var json = false

            func run() async throws {
                try runLedger {
                    let log = try options.openLog()
                    let hashes = try log.consistencyProof(from: from, to: to)
                    let root1 = try log.root(size: from)
                    let root2 = try log.root(size: to)
                    if json {
                        print(
                            #"{"from":\#(from),"to":\#(to),"hashes":\#(jsonList(hashes)),"root1":"\#(root1.base64)","root2":"\#(root2.base64)"}"#
                        )
                    } else {
                        print("from \(from)\nto \(to)\nroot1 \(root1.base64)\nroot2 \(root2.base64)")
                        hashes.forEach { print($0.base64) }
                    }
                }
            }
        }
    }
}

func jsonList(_ hashes: [MerkleHash]) -> String {
    "[" + hashes.map { "\"\($0.base64)\"" }.joined(separator: ",") + "]"
}
