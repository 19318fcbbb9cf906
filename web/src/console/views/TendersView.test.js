import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { createMemoryHistory } from 'vue-router'
import { createPinia } from 'pinia'
import { fakeApi, meBody, mountAt } from '@/shared/test_support.js'
import { createConsoleRouter } from '../router.js'
import { tenderSummary } from '../procurement_fixture.js'
import TendersView from './TendersView.vue'

const kClean = tenderSummary({ id: 5, tender_number: 'GA-ZB-2026-018', title: '道路照明', flags: { warning: 0, yellow: 0, red: 0 } })

async function mountList(path, items = [tenderSummary(), kClean], nextOffset = null) {
  const fetchMock = fakeApi([
    ['GET', '/api/v1/me', meBody(['supervisor'])],
    ['GET', '/api/v1/procurement/tenders', { items, next_offset: nextOffset }],
  ])
  const pinia = createPinia()
  const router = createConsoleRouter(pinia, createMemoryHistory())
  const wrapper = await mountAt(TendersView, router, path, { pinia })
  const listCalls = () => fetchMock.mock.calls.map(([p]) => p).filter((p) => p.startsWith('/api/v1/procurement/tenders'))
  return { wrapper, router, listCalls }
}

describe('TendersView', () => {
  beforeEach(() => {
    window.localStorage.clear()
  })

  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('lists tenders with their flag counts', async () => {
    const { wrapper } = await mountList('/procurement')
    const rows = wrapper.findAll('[data-test=tenders-table] .el-table__row')
    expect(rows).toHaveLength(2)
    expect(rows[0].text()).toContain('GA-ZB-2026-017')
    expect(rows[0].text()).toContain('1000000.00')
    expect(wrapper.find('[data-test=tender-flags-4]').text()).toContain('红牌')
    expect(wrapper.find('[data-test=tender-flags-4]').text()).toContain('2')
    expect(wrapper.find('[data-test=tender-flags-5]').text()).toContain('无')
    expect(wrapper.find('[data-test=tender-link-4]').attributes('href')).toBe('/procurement/tenders/4')
  })

  it('sends the filters from the address', async () => {
    const { listCalls } = await mountList('/procurement?division_code=5116&flag_level=red&q=GA-ZB&offset=50')
    const url = new URL(listCalls()[0], 'http://localhost')
    expect(url.searchParams.get('division_code')).toBe('5116')
    expect(url.searchParams.get('flag_level')).toBe('red')
    expect(url.searchParams.get('q')).toBe('GA-ZB')
    expect(url.searchParams.get('offset')).toBe('50')
    expect(url.searchParams.get('limit')).toBe('50')
  })

  it('keeps only matching rows from a server without filters', async () => {
    const { wrapper } = await mountList('/procurement?flag_level=red')
    const rows = wrapper.findAll('[data-test=tenders-table] .el-table__row')
    expect(rows).toHaveLength(1)
    expect(rows[0].text()).toContain('GA-ZB-2026-017')
  })

  it('searches title text', async () => {
    const { wrapper } = await mountList('/procurement?q=' + encodeURIComponent('照明'))
    const rows = wrapper.findAll('[data-test=tenders-table] .el-table__row')
    expect(rows).toHaveLength(1)
    expect(rows[0].text()).toContain('GA-ZB-2026-018')
  })

  it('puts the typed search into the address', async () => {
    const { wrapper, router } = await mountList('/procurement')
    await wrapper.find('#tenders-search').setValue(' 017 ')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ q: '017' })
  })

  it('pages forward with next_offset', async () => {
    const { wrapper, router } = await mountList('/procurement', [tenderSummary()], 50)
    await wrapper.find('[data-test=tenders-next]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query.offset).toBe('50')
  })
})
