/// Inline SVG charts for the report: vertical bars with axes, tick labels and a title, and one
/// stacked horizontal bar with a legend. Every chart sits beside a table of its figures.
package enum SVGChart {
  /// The colours of series and categories, in order (readable on white and in grey print).
  package static let palette = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf",
  ]

  /// One bar: its label under the axis and its value (cents or a count).
  package struct Bar: Sendable {
    /// The label under the bar.
    package var label: String
    /// The value, in the chart's unit.
    package var value: Int64
    /// The series index (its colour), for bars of several series.
    package var series: Int = 0

    /// A bar.
    package init(label: String, value: Int64, series: Int = 0) {
      self.label = label
      self.value = value
      self.series = series
    }
  }

  /// A vertical bar chart of `bars` with a y axis labelled by `format` (which turns a value into
  /// tick text), the x axis titled `xTitle` and the y axis `yTitle`; `legend` names the series
  /// when there are several. Negative values hang below the zero line.
  package static func bars(
    title: String, bars: [Bar], xTitle: String, yTitle: String, legend: [String] = [],
    format: (Int64) -> String
  ) -> String {
    let legendWidth = legend.reduce(0) { $0 + 30 + $1.count * 6 }
    let width = max(360, 70 + bars.count * 46, 90 + legendWidth)
    let height = 260
    let left = 78.0
    let right = Double(width) - 12
    let top = 28.0
    let bottom = 200.0
    let top1 = max(bars.map(\.value).max() ?? 0, 0)
    let low1 = min(bars.map(\.value).min() ?? 0, 0)
    let (low, high, step) = ticks(low: low1, high: top1)
    func y(_ v: Int64) -> Double {
      bottom - (Double(v - low) / Double(max(high - low, 1))) * (bottom - top)
    }
    var out =
      "<svg role=\"img\" width=\"\(width)\" height=\"\(height)\" "
      + "viewBox=\"0 0 \(width) \(height)\" aria-label=\"\(HTML.escape(title))\">\n"
    out += "<title>\(HTML.escape(title))</title>\n"
    out +=
      "<text x=\"\(width / 2)\" y=\"16\" text-anchor=\"middle\" class=\"ct\">\(HTML.escape(title))</text>\n"
    var v = low
    while v <= high {
      let yy = y(v)
      out +=
        "<line x1=\"\(left)\" x2=\"\(right)\" y1=\"\(f(yy))\" y2=\"\(f(yy))\" class=\"grid\"/>\n"
      out +=
        "<text x=\"\(f(left - 4))\" y=\"\(f(yy + 4))\" text-anchor=\"end\" class=\"tick\">"
        + "\(HTML.escape(format(v)))</text>\n"
      v += step
    }
    out += "<line x1=\"\(left)\" x2=\"\(left)\" y1=\"\(top)\" y2=\"\(bottom)\" class=\"axis\"/>\n"
    out +=
      "<line x1=\"\(left)\" x2=\"\(right)\" y1=\"\(f(y(0)))\" y2=\"\(f(y(0)))\" class=\"axis\"/>\n"
    let slot = (right - left) / Double(max(bars.count, 1))
    for (i, b) in bars.enumerated() {
      let x = left + Double(i) * slot + slot * 0.15
      let y0 = y(0)
      let y1 = y(b.value)
      let color = palette[b.series % palette.count]
      out +=
        "<rect x=\"\(f(x))\" y=\"\(f(min(y0, y1)))\" width=\"\(f(slot * 0.7))\" "
        + "height=\"\(f(abs(y0 - y1)))\" fill=\"\(color)\"><title>\(HTML.escape(b.label)): "
        + "\(HTML.escape(format(b.value)))</title></rect>\n"
      let label = b.label.count > 12 ? String(b.label.prefix(11)) + "…" : b.label
      out +=
        "<text x=\"\(f(x + slot * 0.35))\" y=\"\(f(bottom + 14))\" text-anchor=\"middle\" "
        + "class=\"tick\">\(HTML.escape(label))</text>\n"
    }
    out +=
      "<text x=\"\(f((left + right) / 2))\" y=\"\(f(bottom + 34))\" text-anchor=\"middle\" "
      + "class=\"at\">\(HTML.escape(xTitle))</text>\n"
    out +=
      "<text x=\"14\" y=\"\(f((top + bottom) / 2))\" text-anchor=\"middle\" class=\"at\" "
      + "transform=\"rotate(-90 14 \(f((top + bottom) / 2)))\">\(HTML.escape(yTitle))</text>\n"
    var lx = left
    for (i, name) in legend.enumerated() {
      defer { lx += 30 + Double(name.count) * 6 }
      out +=
        "<rect x=\"\(f(lx))\" y=\"\(f(bottom + 44))\" width=\"10\" height=\"10\" "
        + "fill=\"\(palette[i % palette.count])\"/>"
        + "<text x=\"\(f(lx + 14))\" y=\"\(f(bottom + 53))\" class=\"tick\">\(HTML.escape(name))</text>\n"
    }
    return out + "</svg>\n"
  }

  /// One horizontal bar split into `parts` (label, value ≥ 0) with a legend under it.
  package static func stacked(title: String, parts: [(String, Int64)], format: (Int64) -> String)
    -> String
  {
    let width = 520
    let rows = (parts.count + 2) / 3
    let height = 70 + rows * 18
    let total = max(parts.reduce(Int64(0)) { $0 + max($1.1, 0) }, 1)
    var out =
      "<svg role=\"img\" width=\"\(width)\" height=\"\(height)\" "
      + "viewBox=\"0 0 \(width) \(height)\" aria-label=\"\(HTML.escape(title))\">\n"
    out += "<title>\(HTML.escape(title))</title>\n"
    out +=
      "<text x=\"\(width / 2)\" y=\"16\" text-anchor=\"middle\" class=\"ct\">\(HTML.escape(title))</text>\n"
    var x = 10.0
    let span = Double(width - 20)
    for (i, p) in parts.enumerated() {
      let w = Double(max(p.1, 0)) / Double(total) * span
      out +=
        "<rect x=\"\(f(x))\" y=\"26\" width=\"\(f(w))\" height=\"22\" "
        + "fill=\"\(palette[i % palette.count])\"><title>\(HTML.escape(p.0)): "
        + "\(HTML.escape(format(p.1)))</title></rect>\n"
      x += w
    }
    out += "<text x=\"10\" y=\"62\" class=\"tick\">0</text>"
    out +=
      "<text x=\"\(width - 10)\" y=\"62\" text-anchor=\"end\" class=\"tick\">\(HTML.escape(format(total)))</text>\n"
    for (i, p) in parts.enumerated() {
      let lx = 10.0 + Double(i % 3) * 170
      let ly = 72.0 + Double(i / 3) * 18
      out +=
        "<rect x=\"\(f(lx))\" y=\"\(f(ly))\" width=\"10\" height=\"10\" fill=\"\(palette[i % palette.count])\"/>"
        + "<text x=\"\(f(lx + 14))\" y=\"\(f(ly + 9))\" class=\"tick\">\(HTML.escape(p.0))</text>\n"
    }
    return out + "</svg>\n"
  }

  /// Round tick marks from at or below `low` to at or above `high`: about four steps of 1, 2 or
  /// 5 times a power of ten.
  static func ticks(low: Int64, high: Int64) -> (Int64, Int64, Int64) {
    let span = max(high - low, 1)
    var step: Int64 = 1
    while span / step > 5 {
      if span / (step * 2) <= 5 {
        step *= 2
        break
      }
      if span / (step * 5) <= 5 {
        step *= 5
        break
      }
      step *= 10
    }
    let start = low >= 0 ? 0 : -((-low + step - 1) / step) * step
    let end = ((high + step - 1) / step) * step
    return (start, max(end, start + step), step)
  }

  /// A coordinate with one decimal.
  static func f(_ v: Double) -> String {
    let r = (v * 10).rounded() / 10
    return r == r.rounded() ? String(Int(r)) : String(r)
  }
}
