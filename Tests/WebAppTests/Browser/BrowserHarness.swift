import Dashboard
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WebApp

/// A screen the browser tests run at: a phone (390×844, emulated as a mobile device) or a desktop.
struct Viewport: Sendable, CustomTestStringConvertible {
    let name: String
    let width: Int
    let height: Int
    let mobile: Bool

    static let phone = Viewport(name: "phone", width: 390, height: 844, mobile: true)
    static let desktop = Viewport(name: "desktop", width: 1920, height: 1080, mobile: false)
    static let both = [phone, desktop]

    var testDescription: String { "\(name) \(width)×\(height)" }

    /// The `alwaysMatch` capabilities of a headless Chromium session at this size, in Chinese.
    func capabilities(chromium: String) -> [String: Any] {
        var args = [
            "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=zh-CN",
            "--no-first-run", "--disable-extensions", "--mute-audio",
        ]
        var options: [String: Any] = ["binary": chromium, "prefs": ["intl.accept_languages": "zh-CN,zh"]]
        if mobile {
            options["mobileEmulation"] = [
                "deviceMetrics": ["width": width, "height": height, "pixelRatio": 2, "mobile": true, "touch": true]
            ]
            args.append("--window-size=\(width),\(height)")
        } else {
            args.append("--window-size=\(width),\(height)")
        }
        options["args"] = args
        return [
            "browserName": "chrome", "goog:chromeOptions": options,
            // Confirmation dialogs are answered by the test itself, never dismissed behind its back.
            "unhandledPromptBehavior": "ignore",
        ]
    }
}

/// One browser test's world: the app built on a seeded `TestWorld` and served on a free loopback
/// port, a headless Chromium at one viewport, and the folder its screenshots go to.
struct BrowserPage: Sendable {
    let world: TestWorld
    let driver: WebDriver
    let base: String
    let viewport: Viewport
    let test: String

    /// Where screenshots go: `FUNDWATCH_BROWSER_ARTIFACTS`, else `.build/browser-artifacts` in the package.
    static var artifacts: URL {
        if let folder = ProcessInfo.processInfo.environment["FUNDWATCH_BROWSER_ARTIFACTS"] {
            return URL(fileURLWithPath: folder)
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(".build/browser-artifacts")
    }

    /// Serves `world` and opens Chromium at `viewport` for `body`; closes both afterwards, even when `body` fails.
    static func run(
        _ test: String, viewport: Viewport, world: TestWorld? = nil, _ body: @escaping @Sendable (BrowserPage) async throws -> Void
    ) async throws {
        let world = if let world { world } else { try await TestWorld() }
        let chromedriver = try await ChromeDriver.launch()
        defer { chromedriver.stop() }
        // Plain HTTP on loopback, as `fundwatch demo` serves: cookies without `Secure`.
        let configuration = WebConfiguration(secureCookies: false, bcryptCost: 4)
        let router = try await buildRouter(configuration: configuration, dependencies: world.dependencies)
        let app = Application(router: router)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let driver = try await WebDriver.start(
                driverPort: chromedriver.port, capabilities: viewport.capabilities(chromium: chromedriver.chromium))
            let page = BrowserPage(world: world, driver: driver, base: "http://localhost:\(port)", viewport: viewport, test: test)
            do {
                try await body(page)
            } catch {
                try? await page.screenshot("failure")
                await driver.quit()
                await world.dependencies.live.finish()
                throw error
            }
            await driver.quit()
            // Live streams wait for alerts forever; end them so the server can shut down.
            await world.dependencies.live.finish()
        }
    }

    // MARK: Steps

    func open(_ path: String) async throws {
        try await driver.navigate(to: base + path)
    }

    /// Signs in through the form (from wherever the app sent the browser) and waits for the start page.
    func signIn(_ username: String, password: String = TestWorld.password, landing: String = "/") async throws {
        try await open("/signin?next=" + (landing.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "%2F"))
        let name = try await driver.waitForElement("input[name=username]")
        try await driver.type(username, into: name)
        try await driver.type(password, into: try await driver.waitForElement("input[name=password]"))
        try await driver.click(try await driver.waitForElement("form[action='/signin'] button[type=submit]"))
        try await driver.waitForPage("after signing in as \(username)") { $0 == landing }
    }

    /// Signs out through the header's form and waits for the sign-in page.
    func signOut() async throws {
        try await driver.click(try await driver.waitForElement("form[action='/signout'] button"))
        try await driver.waitForPage("the sign-in page after signing out") { $0 == "/signin" }
    }

    /// Clicks a button that asks for confirmation first, and accepts the dialog.
    func clickConfirming(_ selector: String) async throws {
        try await driver.click(try await driver.waitForElement(selector))
        let question = try await driver.wait(for: "the confirmation dialog") { try await driver.dialogText() }
        #expect(question.contains("存证日志"))
        try await driver.acceptDialog()
    }

    /// The page's visible text.
    func bodyText() async throws -> String {
        try await driver.execute("return document.body.innerText") as? String ?? ""
    }

    /// Waits until the page's visible text contains `text` (a page still loading counts as not yet).
    func waitForText(_ text: String, timeout: Duration = .seconds(15)) async throws {
        _ = try await driver.wait(for: "the text \"\(text)\"", timeout: timeout) { () -> Bool? in
            ((try? await bodyText()) ?? "").contains(text) ? true : nil
        }
    }

    /// The page's HTML as the browser holds it now.
    func html() async throws -> String {
        try await driver.execute("return document.documentElement.outerHTML") as? String ?? ""
    }

    /// How far the page is wider than the screen, in CSS pixels (0 when nothing scrolls sideways).
    func horizontalOverflow() async throws -> Int {
        let value = try await driver.execute(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        return (value as? NSNumber)?.intValue ?? Int.max
    }

    /// Saves a full-page PNG as `<test>-<viewport>-<step>.png` in the artifacts folder.
    func screenshot(_ step: String) async throws {
        let png = try await driver.fullPageScreenshot()
        let folder = Self.artifacts
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try png.write(to: folder.appendingPathComponent("\(test)-\(viewport.name)-\(step).png"))
    }
}
