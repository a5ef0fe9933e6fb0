import Ledger
import Testing

@Suite struct TilePathTests {
    @Test(arguments: [
        (UInt64(0), "000"), (5, "005"), (999, "999"), (1000, "x001/000"), (1_234_067, "x001/x234/067"),
        (1_000_000_000, "x001/x000/x000/000"),
    ])
    func indexEncoding(index: UInt64, expected: String) {
        #expect(TilePath.encode(index) == expected)
    }

    @Test func tileAndBundlePaths() {
        #expect(TilePath.tile(level: 0, index: 1_234_067) == "tile/0/x001/x234/067")
        #expect(TilePath.tile(level: 1, index: 5, width: 17) == "tile/1/005.p/17")
        #expect(TilePath.entryBundle(index: 0, width: 1) == "tile/entries/000.p/1")
        #expect(TilePath.entryBundle(index: 1000) == "tile/entries/x001/000")
    }

    /// The spec's example: a tree of 70,000 leaves.
    @Test func partialWidths() {
        #expect(TilePath.partialWidth(level: 0, size: 70_000) == 112)
        #expect(TilePath.partialWidth(level: 1, size: 70_000) == 17)
        #expect(TilePath.partialWidth(level: 2, size: 70_000) == 1)
        #expect(TilePath.partialWidth(level: 0, size: 256) == 0)
        #expect(TilePath.partialWidth(level: 1, size: 256) == 1)
    }

    @Test func bundleCodecRejectsTruncation() throws {
        var bundle: [UInt8] = []
        TileCodec.appendEntry([1, 2, 3], to: &bundle)
        TileCodec.appendEntry([], to: &bundle)
        #expect(try TileCodec.decodeBundle(bundle).map(Array.init) == [[1, 2, 3], []])
        #expect(throws: LedgerError(.corruptEntryBundle, "")) { try TileCodec.decodeBundle(Array(bundle.dropLast(3))) }
        #expect(throws: LedgerError(.corruptEntryBundle, "")) { try TileCodec.decodeBundle([0]) }
    }
}
