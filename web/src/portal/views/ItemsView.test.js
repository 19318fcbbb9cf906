import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { createMemoryHistory } from 'vue-router'
import { fakeApi, mountAt, response } from '@/shared/test_support.js'
import { createPortalRouter } from '../router.js'
import ItemsView from './ItemsView.vue'

const kItems = {
  items: [
    {
      id: 1,
      code: '11511600MB1234567X4000111701000',
      name: '食品经营许可',
      department_id: 7,
      division_code: '511602',
      type: 'licensing',
      group_name: '',
      statutory_limit: { unit: 'working_days', amount: 20 },
      promised_limit: { unit: 'working_days', amount: 5 },
      fee_free: true,
      needs_review: false,
    },
  ],
  total: 1,
  page: 1,
  page_size: 20,
}

const kDepartments = {
  items: [
    { id: 7, name: '区市场监管局', division_code: '511602', items: 1 },
    { id: 8, name: '区档案馆', division_code: '511602', items: 0 },
  ],
}

async function mountItems(path = '/items') {
  const router = createPortalRouter(createMemoryHistory())
  const wrapper = await mountAt(ItemsView, router, path)
  return { wrapper, router }
}

describe('ItemsView', () => {
  beforeEach(() => {
    window.localStorage.clear()
  })

  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('lists items with their limits', async () => {
    const fetchMock = fakeApi([
      ['GET', '/api/v1/catalog/items', kItems],
      ['GET', '/api/v1/catalog/departments', kDepartments],
    ])
    const { wrapper } = await mountItems()
    const text = wrapper.text()
    expect(text).toContain('食品经营许可')
    expect(text).toContain('5 个工作日')
    expect(text).toContain('20 个工作日')
    expect(text).toContain('行政许可')
    expect(text).toContain('区市场监管局')
    expect(text).toContain('共 1 项')
    expect(fetchMock.mock.calls[0][0]).toBe('/api/v1/catalog/items?page=1&page_size=20')
  })

  it('links each item to its page', async () => {
    fakeApi([
      ['GET', '/api/v1/catalog/items', kItems],
      ['GET', '/api/v1/catalog/departments', kDepartments],
    ])
    const { wrapper } = await mountItems()
    expect(wrapper.find('[data-test=item-link]').attributes('href')).toBe('/items/1')
  })

  it('filters by department and Chinese keyword from the address', async () => {
    const fetchMock = fakeApi([
      ['GET', '/api/v1/catalog/items', kItems],
      ['GET', '/api/v1/catalog/departments', kDepartments],
    ])
    await mountItems('/items?department_id=7&q=' + encodeURIComponent('食品') + '&type=licensing')
    const url = new URL(fetchMock.mock.calls[0][0], 'http://x')
    expect(url.searchParams.get('department_id')).toBe('7')
    expect(url.searchParams.get('q')).toBe('食品')
    expect(url.searchParams.get('type')).toBe('licensing')
  })

  it('searches with the typed keyword', async () => {
    const fetchMock = fakeApi([
      ['GET', '/api/v1/catalog/items', kItems],
      ['GET', '/api/v1/catalog/departments', kDepartments],
    ])
    const { wrapper, router } = await mountItems()
    await wrapper.find('#item-keyword').setValue('  经营许可 ')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(router.currentRoute.value.query.q).toBe('经营许可')
    const last = new URL(fetchMock.mock.calls.at(-1)[0], 'http://x')
    expect(last.pathname).toBe('/api/v1/catalog/items')
    expect(last.searchParams.get('q')).toBe('经营许可')
  })

  it('says the catalogue is being built when the endpoint is missing', async () => {
    fakeApi([['GET', '/api/v1/', () => response(404, { error: { code: 'not_found', message: 'no file' } })]])
    const { wrapper } = await mountItems()
    expect(wrapper.find('[data-test=items-building]').exists()).toBe(true)
    expect(wrapper.text()).toContain('服务事项目录正在建设')
    expect(wrapper.find('[data-test=items-table]').exists()).toBe(false)
  })
})
