import ArgumentParser

/// `fundwatch ingest`: imports exports (the default, `ingest run`) or shows a feed's quality history.
struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Ingest department exports (部门数据接入) through mapping specs, with a quality report.",
        discussion: """
            `fundwatch ingest --spec SPEC FILE…` runs `ingest run` (the default); `fundwatch ingest history` shows \
            each feed's quality batch after batch.
            """,
        subcommands: [IngestRunCommand.self, IngestHistoryCommand.self],
        defaultSubcommand: IngestRunCommand.self)
}
