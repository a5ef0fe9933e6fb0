import ArgumentParser

/// The `fundwatch` command-line program: a thin layer over the FundWatch libraries.
@main
struct FundWatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fundwatch",
        abstract: "FundWatch (社保基金智能稽核监督平台): social-security fund audit and supervision.",
        subcommands: [
            DemoCommand.self, SimulateCommand.self, ImportCommand.self, IngestCommand.self, PersonCommand.self, StatsCommand.self,
            AuditCommand.self, AuditEvaluateCommand.self, AuditCheckPaymentCommand.self, RulesCommand.self,
            IDCommand.self, LinkCommand.self, ResolveCommand.self, CELCommand.self, LedgerCommand.self, ServeCommand.self,
            UserCommand.self, ModelCommand.self,
        ]
    )
}
