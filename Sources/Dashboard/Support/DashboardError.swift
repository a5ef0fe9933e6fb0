/// An error of the dashboard library: what went wrong, where, and what to do about it.
public struct DashboardError: Error, Hashable, CustomStringConvertible {
    /// A stable, machine-readable kind of error; compare errors by it.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case unknownRegion = "unknown_region"
            case invalidConfiguration = "invalid_configuration"
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A region code that is not in the catalogue.
        public static let unknownRegion = Code(.unknownRegion)
        /// A configuration value that cannot be used (an endpoint URL, a threshold …).
        public static let invalidConfiguration = Code(.invalidConfiguration)

        public var description: String { base.rawValue }
    }

    public let code: Code
    /// A sentence for people, naming the value and what to do.
    public let message: String

    public var description: String { "\(code): \(message)" }

    public static func == (a: DashboardError, b: DashboardError) -> Bool { a.code == b.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    static func unknownRegion(_ code: String) -> DashboardError {
        DashboardError(
            code: .unknownRegion,
            message:
                "region code '\(code)' is not in regions.csv: use a six-digit GB/T 2260 code or \(RiskRollupIndex.nationCode) for the nation"
        )
    }

    static func invalidConfiguration(_ message: String) -> DashboardError {
        DashboardError(code: .invalidConfiguration, message: message)
    }
}
