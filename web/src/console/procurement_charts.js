// ECharts options of the tender page's two charts, built apart from the components so that
// Vitest can check them without a canvas.
import { kLevelColors } from './components/chart_colors.js'

// Colour of a bid that no flag names, and of a bidder with no link.
export const kPlainColor = '#3a6ea5'

// Bid prices as horizontal bars in yuan, cheapest at the top, so that bidder names stay readable
// on a phone. A bid named in a flag gets its level's colour and the level's name beside the bar,
// so colour is never the only cue. The control price, when the tender has one, is a dashed line.
// `labels` gives the translated texts: {price, estimate, levels: {warning, yellow, red}}, and
// `labels.axisNumber(value)` the price axis's short numbers, such as "150万" or "1.5M".
export function bidChartOption(bids, estimateFen, flagged, labels) {
  // A category axis runs from the bottom up, so the most expensive bid comes first.
  const sorted = [...bids].sort((a, b) => Number(b.price_fen) - Number(a.price_fen))
  const data = sorted.map((bid) => {
    const level = flagged.get(bid.bid_id)
    const point = { value: Number(bid.price_fen) / 100, bidId: bid.bid_id, level: level || '' }
    if (level) {
      point.itemStyle = { color: kLevelColors[level] }
      point.label = { show: true, position: 'right', formatter: labels.levels[level], color: '#1f2329' }
    }
    return point
  })

  const series = {
    name: labels.price,
    type: 'bar',
    barMaxWidth: 28,
    itemStyle: { color: kPlainColor },
    data,
  }
  if (Number(estimateFen) > 0) {
    series.markLine = {
      symbol: 'none',
      lineStyle: { type: 'dashed', color: '#4e5969' },
      label: { formatter: labels.estimate, position: 'end', color: '#4e5969' },
      data: [{ xAxis: Number(estimateFen) / 100, name: labels.estimate }],
    }
  }

  // The price axis reaches past the control price and the longest bar, so the dashed line and
  // the level names beside the bars stay in view. Its last label is hidden because that odd
  // value would crowd the rounded one before it.
  const highest = Math.max(Number(estimateFen) || 0, ...sorted.map((b) => Number(b.price_fen)))
  return {
    grid: { left: 8, right: 56, top: 28, bottom: 32, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    yAxis: {
      type: 'category',
      data: sorted.map((bid) => bid.bidder_name || bid.bidder_id),
      axisLabel: { color: '#1f2329', overflow: 'truncate', width: 120 },
    },
    xAxis: {
      type: 'value',
      name: labels.price,
      nameLocation: 'middle',
      nameGap: 28,
      nameTextStyle: { color: '#4e5969' },
      max: highest > 0 ? Math.ceil((highest / 100) * 1.08) : null,
      splitNumber: 4,
      axisLabel: { color: '#4e5969', showMaxLabel: false, formatter: labels.axisNumber },
    },
    series: [series],
  }
}

// Escapes text for the tooltip, which ECharts renders as HTML. Bidder names come from the
// business systems, so they are never trusted as markup.
export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

// Bidders as nodes on a circle and shared traces as links coloured by level. Two bidders who
// share several traces get one curved link per trace. Hovering a link shows `describeEdge(edge)`
// (the shared field and its level), hovering a node the bidder's name and credit code.
export function networkChartOption(network, describeEdge) {
  const nodes = Array.isArray(network && network.nodes) ? network.nodes : []
  const edges = Array.isArray(network && network.edges) ? network.edges : []
  const linked = new Set(edges.flatMap((e) => [e.source, e.target]))

  return {
    tooltip: {
      trigger: 'item',
      formatter: (params) => escapeHtml(params.data.text),
    },
    series: [
      {
        type: 'graph',
        layout: 'circular',
        circular: { rotateLabel: false },
        roam: false,
        autoCurveness: true,
        symbolSize: 44,
        // Room around the circle for the names below the outer nodes.
        left: 72,
        right: 72,
        top: 24,
        bottom: 48,
        label: { show: true, position: 'bottom', color: '#1f2329', width: 160, overflow: 'truncate' },
        lineStyle: { width: 3, opacity: 0.9 },
        emphasis: { focus: 'adjacency', lineStyle: { width: 5 } },
        data: nodes.map((node) => ({
          id: node.bidder_id,
          name: node.bidder_name || node.bidder_id,
          text: `${node.bidder_name || ''} ${node.bidder_id}`.trim(),
          itemStyle: { color: linked.has(node.bidder_id) ? '#1f2329' : kPlainColor },
        })),
        links: edges.map((edge) => ({
          source: edge.source,
          target: edge.target,
          text: describeEdge(edge),
          lineStyle: { color: kLevelColors[edge.level] || kLevelColors.warning },
        })),
      },
    ],
  }
}
