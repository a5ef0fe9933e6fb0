import AuditRules
import Foundation
import Storage
import Testing
import WebApp

extension BrowserTests {
    @Test("the rule editor shows a draft's error at its line and column; the fixed draft saves a new version", arguments: Viewport.both)
    func ruleEditorChecksAndSaves(viewport: Viewport) async throws {
        let world = try await TestWorld()
        let broken = try RuleAdminTests.draft(version: 3, when: "payment.benefit == 'pension' && && payment.amount > 0")
        let fixed = try RuleAdminTests.draft(version: 3)
        try await BrowserPage.run("rule-editor", viewport: viewport, world: world) { page in
            let driver = page.driver
            try await page.signIn("nation.admin", landing: "/rules/pension_after_death/edit")
            _ = try await driver.waitForElement("#rule-yaml")
            // As if typed: the script checks the draft on `input` events.
            func enter(_ yaml: String) async throws {
                _ = try await driver.execute(
                    "var a = document.getElementById('rule-yaml'); a.value = arguments[0];"
                        + " a.dispatchEvent(new Event('input', {bubbles: true})); return true;",
                    [yaml])
            }
            try await enter(broken)
            let problem = try await driver.wait(for: "the live check's problem") { () -> String? in
                guard let item = try await driver.find("#rule-check li") else { return nil }
                let text = try await driver.text(of: item)
                return text.isEmpty ? nil : text
            }
            // The condition with the doubled && sits on line 10 of the draft.
            #expect(problem.contains("第 10 行第"))
            #expect(problem.contains("列"))
            #expect(try await page.horizontalOverflow() == 0)
            try await page.screenshot("1-error")

            try await enter(fixed)
            try await page.waitForText("检查通过")
            #expect(try await driver.find("#rule-check li") == nil)
            try await page.screenshot("2-checked")

            try await driver.click(try await driver.waitForElement("#rule-form button[type=submit]"))
            try await driver.waitForPage("the rule's page after saving") { $0 == "/rules/pension_after_death" }
            let heading = try await driver.text(of: try await driver.waitForElement("h1"))
            #expect(heading.contains("第 3 版"))
            // The new version is listed, saved by the admin, with its ledger entry.
            let row = try #require(
                try await driver.execute(
                    "var rows = Array.from(document.querySelectorAll('tr')).filter(function (r) {"
                        + " var c = r.querySelector('td'); return c && c.textContent.trim() === '3'; });"
                        + " return rows.length ? rows[0].innerText : null;") as? String)
            #expect(row.contains("user/nation.admin"))
            #expect(try await driver.find("a[href^='/ledger-view?index=']") != nil)
            #expect(try await page.horizontalOverflow() == 0)
            try await page.screenshot("3-saved")
        }
        #expect(world.dependencies.rules.rule("pension_after_death")?.spec.version == 3)
        #expect(try await world.database.ruleSources(ruleID: "pension_after_death").count == 1)
    }
}
