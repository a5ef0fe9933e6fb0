import Dashboard
import Foundation
import FundWatchCore
import Storage
import Testing
import WebApp

/// The app in a real headless Chromium driven over WebDriver, at phone and desktop widths:
/// what a person sees and clicks, with screenshots saved for a human to look at
/// (`.build/browser-artifacts/`). Serialized: each test runs its own browser, and the machine
/// has two cores.
@Suite("Browser: the app in headless Chromium", .serialized)
struct BrowserTests {
    @Test("sign in, the cockpit and its heat map, drill down a level", arguments: Viewport.both)
    func cockpitHeatMapAndDrillDown(viewport: Viewport) async throws {
        try await BrowserPage.run("cockpit", viewport: viewport) { page in
            let driver = page.driver
            // Unsigned, the cockpit sends the browser to the sign-in page, which is in Chinese.
            try await page.open("/")
            try await driver.waitForPage("sign-in") { $0 == "/signin" }
            #expect(try await page.bodyText().contains("登录"))
            try await page.screenshot("1-signin")
            try await page.signIn("jinan.leader")

            _ = try await driver.waitForElement(".heatmap-wrap svg")
            let regions = try await driver.findAll("a.heatmap-region")
            // Jinan's counties, each a link one level down.
            #expect(regions.count >= 2)
            let h1 = try await driver.text(of: try await driver.waitForElement("h1"))
            #expect(h1.contains("济南"))
            let text = try await page.bodyText()
            #expect(text.contains("风险热力图") && text.contains("数据新鲜度") && text.contains("下级区划"))
            #expect(try await page.horizontalOverflow() == 0)
            try await page.screenshot("2-cockpit")

            // Drill down by clicking the county on the map.
            try await driver.click(try await driver.waitForElement("a.heatmap-region[href='/cockpit/370102']"))
            try await driver.waitForPage("the county's cockpit") { $0 == "/cockpit/370102" }
            let county = try await driver.text(of: try await driver.waitForElement("h1"))
            #expect(county.contains("历下"))
            // The breadcrumbs lead back up to the city.
            #expect(try await driver.find("nav.crumbs a[href='/']") != nil)
            #expect(try await page.bodyText().contains("在办疑点"))
            #expect(try await page.horizontalOverflow() == 0)
            try await page.screenshot("3-drilldown")
        }
    }

    @Test("a new red alert appears live and can be closed", arguments: Viewport.both)
    func liveRedAlert(viewport: Viewport) async throws {
        let world = try await TestWorld()
        // The first poll marks where "new" starts: the findings already stored are not news.
        try await world.dependencies.watcher.poll()
        try await BrowserPage.run("live", viewport: viewport, world: world) { page in
            let driver = page.driver
            try await page.signIn("lixia.auditor")
            _ = try await driver.waitForElement("#live-alerts")
            // The page's EventSource has subscribed once the hub counts it.
            _ = try await driver.wait(for: "the page's live subscription") {
                await world.dependencies.live.subscriberCount >= 1 ? true : nil
            }
            let person = try #require(world.persons["370102"])
            try await world.storeCustodyAudit([
                TestWorld.custodyFinding(
                    idNumber: person.value, regionCode: "370102", record: "LIVE-1", payload: "browser-live",
                    explanation: "服刑期间领取养老金，身份证 \(person.value)")
            ])
            #expect(try await world.dependencies.watcher.poll().count == 1)

            let notice = try await driver.waitForElement("#live-alerts .live-alert")
            let text = try await driver.text(of: notice)
            #expect(text.contains("红色预警"))
            #expect(text.contains("pension_in_custody"))
            // Masked on the way out: the ID number's tail only.
            #expect(!text.contains(person.value))
            #expect(text.contains(String(person.value.suffix(4))))
            // The notice sits inside the screen, also on a phone.
            let inside = try await driver.execute(
                "var r = arguments[0].getBoundingClientRect(); return r.left >= 0 && r.right <= window.innerWidth;",
                [[WebDriver.elementKey: notice.id]])
            #expect(inside as? Bool == true)
            try await page.screenshot("1-notice")

            try await driver.click(try await driver.waitForElement("#live-alerts .live-alert button"))
            _ = try await driver.wait(for: "the notice to close") {
                try await driver.find("#live-alerts .live-alert") == nil ? true : nil
            }
        }
    }

    @Test("a red alert is dismissed by a proposer and a confirming reviewer", arguments: Viewport.both)
    func dismissRedAlertWithTwoPeople(viewport: Viewport) async throws {
        let world = try await TestWorld()
        let alert = try #require(world.alerts["370102.red"])
        try await BrowserPage.run("dismiss", viewport: viewport, world: world) { page in
            let driver = page.driver
            try await page.signIn("lixia.auditor", landing: "/alerts/\(alert)")
            let reason = try await driver.waitForElement("textarea[name=reason]")
            try await driver.type("经核实死亡登记有误，本人仍健在", into: reason)
            try await page.clickConfirming("form:has(input[value=dismiss]) button.danger")
            try await page.waitForText("待另一名复核员确认")
            #expect(try await page.bodyText().contains("待复核排除"))
            // The proposer is not offered the confirmation.
            #expect(try await driver.find("form:has(input[value=confirm_dismissal])") == nil)
            #expect(try await page.horizontalOverflow() == 0)
            try await page.screenshot("1-proposed")
            #expect(try await world.database.alert(id: alert, in: RegionScope(code: "370102")!)?.status == .dismissalProposed)

            try await page.signOut()
            try await page.signIn("lixia.reviewer", landing: "/alerts/\(alert)")
            try await page.clickConfirming("form:has(input[value=confirm_dismissal]) button.danger")
            try await page.waitForText("已排除")
            // Both steps are in the history, each with its ledger entry.
            let history = try await driver.findAll("a[href^='/ledger-view?index=']")
            #expect(history.count >= 2)
            try await page.screenshot("2-dismissed")
            #expect(try await world.database.alert(id: alert, in: RegionScope(code: "370102")!)?.status == .dismissed)
        }
    }

    @Test("a person opens masked from an alert", arguments: Viewport.both)
    func personOpensMasked(viewport: Viewport) async throws {
        let world = try await TestWorld()
        let alert = try #require(world.alerts["370102.red"])
        let person = try #require(world.persons["370102"])
        try await BrowserPage.run("person", viewport: viewport, world: world) { page in
            let driver = page.driver
            try await page.signIn("lixia.auditor", landing: "/alerts/\(alert)")
            try await driver.click(try await driver.waitForElement("a[href^='/persons/']"))
            try await driver.waitForPage("the person's page") { $0.hasPrefix("/persons/") }
            let text = try await page.bodyText()
            #expect(text.contains("人员画像"))
            #expect(text.contains("张**"))
            #expect(text.contains(String(person.value.suffix(4))))
            // Nothing in the page (text, links, attributes) holds the name or the ID number in full.
            let html = try await page.html()
            #expect(!html.contains("张三丰"))
            #expect(!html.contains(person.value))
            #expect(try await page.horizontalOverflow() == 0)
            try await page.screenshot("1-person")
        }
    }
}
