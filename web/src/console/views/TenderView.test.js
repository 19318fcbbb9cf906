import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { createMemoryHistory } from 'vue-router'
import { createPinia } from 'pinia'
import { fakeApi, meBody, mountAt, response } from '@/shared/test_support.js'
import { createConsoleRouter } from '../router.js'
import { tenderDetail, tenderNetwork } from '../procurement_fixture.js'
import TenderView from './TenderView.vue'

// ECharts needs a laid-out canvas, which jsdom lacks. The charts are tested in Chromium, and their
// options in procurement.test.js.
const kStubs = { BidPriceChart: true, BidderNetworkChart: true }

async function mountTender(roles, detail = tenderDetail(), network = tenderNetwork()) {
  const fetchMock = fakeApi([
    ['GET', '/api/v1/me', meBody(roles)],
    ['GET', '/api/v1/procurement/tenders/4/network', network],
    ['GET', '/api/v1/procurement/tenders/4', detail],
  ])
  const pinia = createPinia()
  const router = createConsoleRouter(pinia, createMemoryHistory())
  const wrapper = await mountAt(TenderView, router, '/procurement/tenders/4', { pinia, stubs: kStubs })
  wrapper.fetchMock = fetchMock
  wrapper.router = router
  return wrapper
}

describe('TenderView', () => {
  beforeEach(() => {
    window.localStorage.clear()
  })

  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('shows the header facts', async () => {
    const wrapper = await mountTender(['supervisor'])
    expect(wrapper.find('h1').text()).toBe('广安区第三小学教学楼维修')
    expect(wrapper.find('[data-test=tender-number]').text()).toBe('GA-ZB-2026-017')
    const facts = wrapper.find('[data-test=tender-facts]').text()
    expect(facts).toContain('1000000.00')
    expect(facts).toContain('511602')
    expect(wrapper.find('[data-test=tender-flag-counts]').text()).toMatch(/红牌\s*2/)
  })

  it('lists bids cheapest first with their flags', async () => {
    const wrapper = await mountTender(['supervisor'])
    const rows = wrapper.findAll('[data-test=bids-table] .el-table__row')
    expect(rows.map((r) => r.text().includes('丙建设公司'))).toEqual([true, false, false])
    expect(rows[0].text()).toContain('91.00%')
    expect(rows[0].find('.level-tag').exists()).toBe(false)
    expect(rows[1].find('.level-red').exists()).toBe(true)
    expect(wrapper.findComponent({ name: 'BidPriceChart' }).exists()).toBe(true)
  })

  it('explains each price screen', async () => {
    const wrapper = await mountTender(['supervisor'])
    expect(wrapper.find('[data-test=screen-CV]').text()).toContain('0.02883')
    expect(wrapper.find('[data-test=screen-CV]').text()).toContain('标准差除以均值')
    expect(wrapper.find('[data-test=screen-KURT]').text()).toContain('投标不足，至少需要 4 份报价')
  })

  it('tells an undefined screen from a missing one', async () => {
    const detail = tenderDetail()
    detail.screens.RD = null
    const wrapper = await mountTender(['supervisor'], detail)
    expect(wrapper.find('[data-test=screen-RD]').text()).toContain('分母为零')
  })

  it('shows flag evidence with alert links', async () => {
    const wrapper = await mountTender(['supervisor'])
    const flag = wrapper.find('[data-test=flag-11]')
    expect(flag.text()).toContain('上传电脑 MAC 地址相同')
    expect(flag.find('[data-test=evidence-field]').text()).toContain('MAC 地址')
    expect(flag.find('[data-test=evidence-value]').text()).toBe('AA:BB:CC:DD:EE:01')
    const bids = flag.find('[data-test=evidence-bids]').text()
    expect(bids).toContain('甲建设公司')
    expect(bids).toContain('乙建设公司')
    expect(bids).not.toContain('丙建设公司')
    expect(flag.find('[data-test=flag-alert-31]').attributes('href')).toBe('/alerts/31')
    expect(wrapper.find('[data-test=flag-12] [data-test=evidence-value]').text()).toBe('****6789')
  })

  it('names the alert without a link for admins', async () => {
    const wrapper = await mountTender(['audit_admin'])
    expect(wrapper.find('[data-test=flag-alert-31]').exists()).toBe(false)
    expect(wrapper.find('[data-test=flag-11]').text()).toContain('预警 31')
  })

  it('lists the network links as text', async () => {
    const wrapper = await mountTender(['supervisor'])
    const links = wrapper.find('[data-test=network-links]').text()
    expect(links).toContain('甲建设公司 — 乙建设公司')
    expect(links).toContain('保证金账户')
    expect(links).toContain('MAC 地址')
    expect(wrapper.findComponent({ name: 'BidderNetworkChart' }).exists()).toBe(true)
  })

  it('shows a clean tender without flags or links', async () => {
    const detail = tenderDetail({ flag_items: [], flags: { warning: 0, yellow: 0, red: 0 } })
    const wrapper = await mountTender(['supervisor'], detail, { ...tenderNetwork(), edges: [] })
    expect(wrapper.find('[data-test=no-flags]').exists()).toBe(true)
    expect(wrapper.find('[data-test=no-links]').exists()).toBe(true)
  })

  it('reports a tender outside the region', async () => {
    fakeApi([
      ['GET', '/api/v1/me', meBody(['supervisor'])],
      ['GET', '/api/v1/procurement/tenders/4', () => response(404, { error: { code: 'not_found', message: 'tender not found' } })],
    ])
    const pinia = createPinia()
    const router = createConsoleRouter(pinia, createMemoryHistory())
    const wrapper = await mountAt(TenderView, router, '/procurement/tenders/4', { pinia, stubs: kStubs })
    expect(wrapper.find('[role=alert]').text()).toContain('未找到')
    expect(wrapper.find('h1').exists()).toBe(false)
  })

  it('ignores the id of the next page', async () => {
    const wrapper = await mountTender(['supervisor'])
    await wrapper.router.push('/alerts/31')
    await flushPromises()
    const paths = wrapper.fetchMock.mock.calls.map(([p]) => p)
    expect(paths.filter((p) => p.startsWith('/api/v1/procurement/tenders/31'))).toEqual([])
    expect(wrapper.find('[data-test=tender-number]').text()).toBe('GA-ZB-2026-017')
  })
})
