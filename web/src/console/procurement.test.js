import { describe, expect, it } from 'vitest'
import { fieldKey, flagCounts, flaggedBidIds, readEvidence, screenText } from './procurement.js'
import { bidChartOption, escapeHtml, kPlainColor, networkChartOption } from './procurement_charts.js'
import { kLevelColors } from './components/chart_colors.js'
import { tenderDetail, tenderNetwork } from './procurement_fixture.js'

const kLabels = {
  price: 'Price',
  estimate: 'Control',
  levels: { warning: 'W', yellow: 'Y', red: 'R' },
  axisNumber: (value) => String(value),
}

describe('procurement readers', () => {
  it('reads evidence with its bids', () => {
    const parts = readEvidence({ field: 'mac_address', value: 'AA:BB', bids: [{ bid_id: 'b1' }], tender_id: 4, similarity: 0.91 })
    expect(parts.field).toBe('mac_address')
    expect(parts.value).toBe('AA:BB')
    expect(parts.bids).toEqual([{ bid_id: 'b1' }])
    expect(parts.tenderId).toBe(4)
    expect(parts.facts).toEqual([['similarity', '0.91']])
  })

  it('tolerates missing or odd evidence', () => {
    for (const evidence of [null, undefined, 'text', [], { bids: 'b1', field: 7 }]) {
      const parts = readEvidence(evidence)
      expect(parts.bids).toEqual([])
      expect(parts.field).toBe('')
      expect(parts.tenderId).toBe(0)
    }
  })

  it('marks flagged bids with the highest level', () => {
    const flags = [
      { level: 'yellow', evidence: { bids: [{ bid_id: 'b1' }, { bid_id: 'b3' }] } },
      { level: 'red', evidence: { bids: [{ bid_id: 'b1' }, { bid_id: 'b2' }] } },
      { level: 'warning', evidence: { bids: [{ bid_id: 'x9', tender_number: 'OTHER-1' }] } },
    ]
    const marked = flaggedBidIds(flags)
    expect(marked.get('b1')).toBe('red')
    expect(marked.get('b2')).toBe('red')
    expect(marked.get('b3')).toBe('yellow')
    expect(marked.has('x9')).toBe(false)
  })

  it('counts flags by level with zero defaults', () => {
    expect(flagCounts({ flags: { red: 2 } })).toEqual({ warning: 0, yellow: 0, red: 2 })
    expect(flagCounts({})).toEqual({ warning: 0, yellow: 0, red: 0 })
  })

  it('makes locale keys of compound fields', () => {
    expect(fieldKey('cpu_serial+disk_serial')).toBe('procurement.fields.cpu_serial_disk_serial')
    expect(fieldKey('staff.person_id')).toBe('procurement.fields.staff_person_id')
  })

  it('rounds screen values to four digits', () => {
    expect(screenText(0.0288312)).toBe('0.02883')
    expect(screenText(null)).toBe('')
  })
})

describe('procurement charts', () => {
  it('draws bids cheapest on top with flagged colours', () => {
    const detail = tenderDetail()
    const option = bidChartOption(detail.bids, detail.estimate_fen, flaggedBidIds(detail.flag_items), kLabels)
    // The category axis runs from the bottom up, so the cheapest bid is last.
    expect(option.yAxis.data).toEqual(['乙建设公司', '甲建设公司', '丙建设公司'])
    const [series] = option.series
    expect(series.data.map((p) => p.value)).toEqual([960000, 950000, 910000])
    expect(series.data[2].itemStyle).toBeUndefined()
    expect(series.data[0].itemStyle.color).toBe(kLevelColors.red)
    expect(series.data[0].label.formatter).toBe('R')
    expect(series.markLine.data[0].xAxis).toBe(1000000)
    expect(option.xAxis.max).toBeGreaterThanOrEqual(1000000)
  })

  it('leaves out the control line without an estimate', () => {
    const detail = tenderDetail()
    const option = bidChartOption(detail.bids, 0, new Map(), kLabels)
    expect(option.series[0].markLine).toBeUndefined()
  })

  it('links bidders coloured by level', () => {
    const option = networkChartOption(tenderNetwork(), (edge) => edge.field)
    const [series] = option.series
    expect(series.type).toBe('graph')
    expect(series.data).toHaveLength(3)
    expect(series.links.map((l) => l.text)).toEqual(['bond_account', 'mac_address'])
    expect(series.links[0].lineStyle.color).toBe(kLevelColors.red)
    expect(series.data[2].itemStyle.color).toBe(kPlainColor)
  })

  it('escapes tooltip text', () => {
    const option = networkChartOption({ nodes: [{ bidder_id: 'x', bidder_name: '<img src=x onerror=1>' }], edges: [] }, () => '')
    const text = option.tooltip.formatter({ dataType: 'node', data: option.series[0].data[0] })
    expect(text).not.toContain('<img')
    expect(escapeHtml('a&b')).toBe('a&#38;b')
  })

  it('accepts an empty network', () => {
    const option = networkChartOption({}, () => '')
    expect(option.series[0].data).toEqual([])
    expect(option.series[0].links).toEqual([])
  })
})
