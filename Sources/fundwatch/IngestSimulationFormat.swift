import ArgumentParser

/// What `fundwatch simulate --format` writes.
enum SimulationOutputFormat: String, ExpressibleByArgument, CaseIterable {
    /// One canonical CSV per record type (the contract of `fundwatch import`).
    case canonical
    /// Each department's own exports and the specs that `fundwatch ingest --specs` reads them with.
    case departments
}
