import Foundation

/// Draws a `PictureSelection.Picture` with Graphviz in whichever direction reads better.
///
/// Left to right suits chains of prerequisites, but a hub with many children becomes a tall column
/// that `size` then shrinks to unreadable text. So a picture laid out taller than wide is laid out
/// again top to bottom, and the layout that ends up larger within the size limit (less shrunk) wins.
/// Costs one to three `dot` runs per picture (pictures hold at most a few dozen nodes).
public struct PictureRenderer: Sendable {
    public var renderer: GraphvizRenderer
    public var writer: PictureDOTWriter

    public init(renderer: GraphvizRenderer = GraphvizRenderer(), writer: PictureDOTWriter = PictureDOTWriter()) {
        self.renderer = renderer
        self.writer = writer
    }

    /// The DOT text in the better direction (needs Graphviz to measure; without it, left to right).
    public func dot(for picture: PictureSelection.Picture) throws(ExportError) -> String {
        try choose(picture).dot
    }

    /// The picture rendered to `format`.
    public func render(_ picture: PictureSelection.Picture, format: GraphvizRenderer.Format) throws(ExportError) -> Data
    {
        let choice = try choose(picture)
        if format == .svg, let svg = choice.svg { return svg }
        return try renderer.render(dot: choice.dot, format: format)
    }

    private func choose(_ picture: PictureSelection.Picture) throws(ExportError) -> (dot: String, svg: Data?) {
        var across = writer
        across.direction = .leftToRight
        let first = across.text(for: picture)
        guard renderer.isAvailable else { return (first, nil) }
        let firstSVG = try renderer.render(dot: first, format: .svg)
        guard let (width, height) = Self.size(ofSVG: firstSVG), height > width else { return (first, firstSVG) }
        var down = writer
        down.direction = .topToBottom
        let second = down.text(for: picture)
        let secondSVG = try renderer.render(dot: second, format: .svg)
        guard let (width2, height2) = Self.size(ofSVG: secondSVG) else { return (first, firstSVG) }
        return width2 * height2 > width * height ? (second, secondSVG) : (first, firstSVG)
    }

    /// `width` and `height` in points from the `<svg width="…pt" height="…pt"` header Graphviz writes.
    static func size(ofSVG data: Data) -> (Double, Double)? {
        let head = String(decoding: data.prefix(2048), as: UTF8.self)
        func value(_ name: String) -> Double? {
            guard let start = head.range(of: " \(name)=\"") else { return nil }
            let digits = head[start.upperBound...].prefix { $0.isNumber || $0 == "." }
            return Double(digits)
        }
        guard let width = value("width"), let height = value("height") else { return nil }
        return (width, height)
    }
}
