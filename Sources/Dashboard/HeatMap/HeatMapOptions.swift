/// How the heat map is drawn: size, colours and where a region links to.
public struct HeatMapOptions: Sendable, Hashable {
    /// The view box (the SVG scales to its container).
    public var width: Double
    public var height: Double
    /// Room kept at the bottom for the legend.
    public var legendHeight: Double
    public var padding: Double
    /// Circle radius.
    public var radius: Double
    /// A sequential scale, lowest risk first (ColorBrewer YlOrRd, five classes, by default).
    public var palette: [String]
    /// Fill for a region that delivers no data.
    public var noDataColor: String
    /// The drill-down link of a region: `linkPrefix` + code (`/cockpit/370102`).
    public var linkPrefix: String

    public init(
        width: Double = 800, height: Double = 640, legendHeight: Double = 60, padding: Double = 16, radius: Double = 14,
        palette: [String] = ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"], noDataColor: String = "#d9d9d9",
        linkPrefix: String = "/cockpit/"
    ) {
        self.width = width
        self.height = height
        self.legendHeight = legendHeight
        self.padding = padding
        self.radius = radius
        self.palette = palette.isEmpty ? ["#bd0026"] : palette
        self.noDataColor = noDataColor
        self.linkPrefix = linkPrefix
    }

    func link(_ code: String) -> String { linkPrefix + code }
}
