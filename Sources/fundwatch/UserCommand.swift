import ArgumentParser
import Foundation
import Storage
import WebApp

/// `fundwatch user …`: the web application's accounts.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage web users (用户): add, list, disable, and issue API tokens.",
        subcommands: [Add.self, List.self, Disable.self, Token.self])
}

extension UserCommand {
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user with a role and a region scope.",
            discussion: """
                Roles: \(UserRole.allCases.map { "\($0.rawValue) (\($0.chinese))" }.joined(separator: ", ")). \
                The region is a GB/T 2260 code (000000 for the nation); the user sees that region's subtree only. \
                The password is read from FUNDWATCH_PASSWORD if set, else generated and printed once.
                """)

        @OptionGroup var options: DataOptions
        @Argument(help: "The sign-in name (lower-case letters, digits, . _ -).") var username: String
        @Option(help: "The role.") var role: String
        @Option(help: "The region code of the user's scope.") var region: String
        @Option(help: "The name shown in the app (default: the user name).") var name: String?

        func run() async throws {
            guard let role = UserRole(rawValue: role) else {
                throw ValidationError("--role must be one of \(UserRole.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let database = try options.openExisting()
            let given = ProcessInfo.processInfo.environment["FUNDWATCH_PASSWORD"]
            let accounts = UserAccounts(database: database)
            let password = given ?? accounts.generatePassword()
            do {
                let user = try await accounts.add(
                    username: username, displayName: name ?? username, role: role, regionCode: region, password: password,
                    at: SystemClock.now)
                print("added \(user.username) (\(role.chinese), \(region))")
                if given == nil { print("password (shown once): \(password)") }
            } catch let error as WebStoreError {
                throw CLIError(error.message)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the users.")
        @OptionGroup var options: DataOptions

        func run() async throws {
            let users = try await options.openExisting().users()
            if users.isEmpty { print("no users; add one with `fundwatch user add NAME --role … --region …`") }
            for u in users {
                print(
                    "\(u.username.padding(toLength: 20, withPad: " ", startingAt: 0)) \(u.role.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)) \(u.regionCode)  \(u.displayName)\(u.disabled ? "  [disabled]" : "")"
                )
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disable a user: their sessions end and their API tokens are revoked at once.")
        @OptionGroup var options: DataOptions
        @Argument(help: "The user name.") var username: String
        @Flag(help: "Enable the user again instead.") var enable = false

        func run() async throws {
            do {
                try await options.openExisting().setUserDisabled(username: username, disabled: !enable)
            } catch let error as WebStoreError {
                throw CLIError(error.message)
            }
            print(enable ? "enabled \(username)" : "disabled \(username)")
        }
    }

    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue an API token for a user (machine clients); printed once, stored only as its SHA-256.")
        @OptionGroup var options: DataOptions
        @Argument(help: "The user the token acts as.") var username: String
        @Option(help: "What the token is for (shown in listings).") var name: String = "api"
        @Option(help: ArgumentHelp("Space-separated scopes.", discussion: "Any of: \(TokenScope.names.joined(separator: ", ")).", valueName: "scopes"))
        var scopes: String = "read"
        @Option(help: "Days until the token expires (0: never).") var days: Int = 365

        func run() async throws {
            let database = try options.openExisting()
            guard let found = try await database.userForSignIn(username: username), !found.user.disabled else {
                throw CLIError("no active user named \(username); see `fundwatch user list`")
            }
            let wanted: Set<String>
            do {
                wanted = Set(try TokenScope.parse(scopes).map(\.rawValue))
            } catch {
                throw ValidationError("--scopes: \(error)")
            }
            let now = SystemClock.now
            let token = try await UserAccounts(database: database).issueToken(
                for: found.user, name: name, scopes: wanted, at: now,
                expiresAt: days > 0 ? now.addingTimeInterval(Double(days) * 86_400) : nil)
            print("token (shown once): \(token)")
        }
    }
}
