import Testing

@testable import RiskModels

@Suite struct LabeledTableTests {
    private func read(_ text: String, label: String? = "y", categorical: Set<String> = [], schema: FeatureSchema? = nil)
        throws(RiskModelError) -> LabeledTable
    {
        try LabeledTable.read(
            csv: Array(text.utf8), file: "t.csv", label: label, categorical: categorical, schema: schema)
    }

    @Test func readsNumbersCategoriesMissingValuesLabelsAndIDs() throws {
        let table = try read(
            """
            id,age,region,code,y
            p1,34,north,7,1
            p2,,south,8,0
            p3,NA,,9,true
            p4,51.5,north,7,no
            """, categorical: ["code"])
        #expect(table.ids == ["p1", "p2", "p3", "p4"])
        #expect(table.labels == [1, 0, 1, 0])
        #expect(table.features.names == ["age", "region", "code"])
        guard case .numeric(let age) = table.features.columns[0] else { Issue.record("age is numeric"); return }
        #expect(age[0] == 34 && age[1].isNaN && age[2].isNaN && age[3] == 51.5)
        #expect(table.features.columns[1] == .categorical(codes: [0, 1, -1, 0], levels: ["north", "south"]))
        #expect(table.features.columns[2] == .categorical(codes: [0, 1, 2, 0], levels: ["7", "8", "9"]))
    }

    @Test func textInANumericColumnNamesFileLineAndColumn() {
        let error = #expect(throws: RiskModelError(.badValue, "")) {
            try read("a,y\n1,0\n2,1\nabc,0\n")
        }
        #expect(error?.message.contains("t.csv:4") == true)
        #expect(error?.message.contains("'a'") == true)
    }

    @Test func infinityIsAnErrorAndNaNTextIsMissing() throws {
        let error = #expect(throws: RiskModelError(.badValue, "")) { try read("a,y\n1,0\ninf,1\n") }
        #expect(error?.message.contains("t.csv:3") == true)
        let table = try read("a,y\n1,0\nnan,1\n-nan,1\n")
        guard case .numeric(let a) = table.features.columns[0] else { Issue.record("numeric"); return }
        #expect(a[1].isNaN && a[2].isNaN)
    }

    @Test func badLabelsRaggedRowsAndMissingColumnsAreErrors() {
        let label = #expect(throws: RiskModelError(.badLabel, "")) { try read("a,y\n1,0\n2,2\n") }
        #expect(label?.message.contains("t.csv:3") == true)
        #expect(throws: RiskModelError(.badLabel, "")) { try read("a,y\n1,\n") }
        #expect(throws: RiskModelError(.badCSV, "")) { try read("a,y\n1,0,5\n") }
        #expect(throws: RiskModelError(.missingColumn, "")) { try read("a,b\n1,0\n") }
        #expect(throws: RiskModelError(.badCSV, "")) { try read("a,a,y\n1,2,0\n") }
        #expect(throws: RiskModelError(.emptyData, "")) { try read("") }
    }

    @Test func scoringWithASchemaCountsUnseenLevelsAsMissing() throws {
        let schema = FeatureSchema(features: [
            .init(name: "region", levels: ["north", "south"]), .init(name: "age", levels: nil),
        ])
        let table = try read("age,region,extra\n30,north,x\n40,west,y\n50,south,z\n", label: nil, schema: schema)
        #expect(table.features.names == ["region", "age"])
        #expect(table.features.columns[0] == .categorical(codes: [0, -1, 1], levels: ["north", "south"]))
        #expect(table.unseenLevels == ["region": 1])
        #expect(throws: RiskModelError(.missingColumn, "")) { try read("region\nnorth\n", label: nil, schema: schema) }
        // A numeric schema column must hold numbers at scoring time too.
        #expect(throws: RiskModelError(.badValue, "")) { try read("age,region\nold,north\n", label: nil, schema: schema) }
    }
}
