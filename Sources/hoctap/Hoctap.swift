import ArgumentParser

/// The `hoctap` command: every role of the product is a subcommand of this one binary.
@main
struct Hoctap: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hoctap",
        abstract: "Nền tảng Học tập suốt đời: đánh giá, công nhận và theo dõi các mô hình học tập.",
        subcommands: [Serve.self, Demo.self, Migrate.self, UserCommand.self, AreasCommand.self, CriteriaCommand.self, RollupsCommand.self, AuditCommand.self, RetentionCommand.self, KeysCommand.self, BackupCommand.self, RestoreCommand.self, ImportCommand.self, ExportCommand.self, GenerateCommand.self, LibraryCommand.self, HarvestCommand.self]
    )
}
