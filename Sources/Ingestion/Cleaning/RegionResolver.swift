import Foundation
import FundWatchCore

/// Turns a region as departments write it (禹城市, 禹城, 山东省德州市禹城市) into its code.
struct RegionResolver: Sendable {
    let catalog: RegionCatalog
    /// Only regions inside this code count (nil: anywhere).
    let within: String?
    /// Names already resolved, shared by the workers: an export repeats a few hundred region
    /// names over all its rows, and resolving a full path (its tails looked up, their ancestors
    /// compared) was three fifths of an XLSX dry run.
    let memo = Memo()

    /// Why a name gives no single code.
    enum Failure: Error {
        case unknown
        case ambiguous([Region])
    }

    func resolve(_ name: String) -> Result<String, Failure> {
        if let known = memo[name] { return known }
        let result = resolveAnew(name)
        memo[name] = result
        return result
    }

    private func resolveAnew(_ name: String) -> Result<String, Failure> {
        let direct = candidates(catalog.lookup(name: name))
        if direct.count == 1 { return .success(direct[0].code) }
        if direct.count > 1 { return .failure(.ambiguous(direct)) }
        // A full path: the longest tail that names a region whose ancestors appear before it.
        let chars = Array(name)
        for start in 1..<max(1, chars.count - 1) {
            let tail = String(chars[start...])
            let head = String(chars[..<start])
            let matches = candidates(catalog.lookup(name: tail)).filter { region in
                catalog.ancestors(of: region.code).dropFirst().contains { head.contains($0.shortName) }
            }
            if matches.count == 1 { return .success(matches[0].code) }
            if matches.count > 1 { return .failure(.ambiguous(matches)) }
        }
        return .failure(.unknown)
    }

    private func candidates(_ regions: [Region]) -> [Region] {
        guard let within else { return regions }
        return regions.filter { catalog.contains(within, $0.code) }
    }

    /// The results of `resolve` by name, behind a lock; it stops growing at `limit` names, so an
    /// export of ever new names cannot fill memory (those are resolved each time).
    final class Memo: @unchecked Sendable {
        private let lock = NSLock()
        private var results: [String: Result<String, Failure>] = [:]
        private let limit = 10_000

        subscript(name: String) -> Result<String, Failure>? {
            get { lock.withLock { results[name] } }
            set {
                lock.withLock {
                    if results.count < limit { results[name] = newValue }
                }
            }
        }
    }
}
