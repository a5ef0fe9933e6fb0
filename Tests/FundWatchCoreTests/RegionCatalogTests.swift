import FundWatchCore
import Testing

@Suite struct RegionCatalogTests {
    let catalog = RegionCatalog.shared

    @Test func looksUpCodesWithLevelParentAndPoint() throws {
        let yucheng = try #require(catalog.region("371482"))
        #expect(yucheng.name == "禹城市")
        #expect(yucheng.level == .county)
        #expect(yucheng.parent == "371400")
        #expect((115...118).contains(yucheng.longitude) && (36...38).contains(yucheng.latitude))
        #expect(catalog.ancestors(of: "371482").map(\.code) == ["371482", "371400", "370000"])
        #expect(catalog.region("999999") == nil)
    }

    @Test func findsByFullAndShortName() {
        #expect(catalog.lookup(name: "禹城").map(\.code) == ["371482"])
        #expect(catalog.lookup(name: "禹城市").map(\.code) == ["371482"])
        #expect(catalog.lookup(name: "山东").map(\.code) == ["370000"])
        #expect(catalog.lookup(name: "鼓楼区").count > 1)
    }

    @Test func childrenAndCounties() {
        let cities = catalog.children(of: "370000")
        #expect(cities.count == 16)
        #expect(cities.allSatisfy { $0.level == .city })
        #expect(catalog.counties(under: "371400").contains { $0.code == "371482" })
        #expect(catalog.children(of: nil).count == 34 || catalog.children(of: nil).count == 35)
        #expect(catalog.contains("370000", "371482"))
        #expect(!catalog.contains("110000", "371482"))
    }

    @Test func everyRegionHasAPointInChina() {
        for region in catalog.regionsByCode.values where !region.code.hasPrefix("99") {
            #expect(region.hasPoint, "\(region.code)")
            #expect((73...136).contains(region.longitude) && (3...54).contains(region.latitude), "\(region.code)")
        }
    }
}
