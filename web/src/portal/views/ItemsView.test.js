import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory } from 'vue-router'
import ElementPlus from 'element-plus'
import { createAppI18n } from '@/shared/i18n.js'
import { createPortalRouter } from '../router.js'
import ItemsView from './ItemsView.vue'

function response(status, body) {
  return { ok: status >= 200 && status < 300, status, statusText: '', json: async () => body }
}

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

async function mountItems() {
  const router = createPortalRouter(createMemoryHistory())
  router.push('/items')
  await router.isReady()
  const wrapper = mount(ItemsView, { global: { plugins: [createAppI18n(), router, ElementPlus] } })
  await flushPromises()
  return wrapper
}

describe('ItemsView', () => {
  let fetchMock

  beforeEach(() => {
    window.localStorage.clear()
    fetchMock = vi.fn()
    vi.stubGlobal('fetch', fetchMock)
    // jsdom has no scrolling, and the router scrolls to the top on each navigation.
    vi.stubGlobal('scrollTo', () => {})
  })

  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('lists items with their limits', async () => {
    fetchMock.mockImplementation(async (path) => {
      if (path.startsWith('/api/v1/catalog/items')) return response(200, kItems)
      return response(200, { items: [{ id: 7, name: '区市场监管局', division_code: '511602', items: 1 }] })
    })
    const wrapper = await mountItems()
    const text = wrapper.text()
    expect(text).toContain('食品经营许可')
    expect(text).toContain('5 个工作日')
    expect(text).toContain('20 个工作日')
    expect(text).toContain('行政许可')
    expect(text).toContain('区市场监管局')
    expect(text).toContain('共 1 项')
    expect(fetchMock.mock.calls[0][0]).toBe('/api/v1/catalog/items?page=1&page_size=20')
  })

  it('says the catalogue is being built when the endpoint is missing', async () => {
    fetchMock.mockResolvedValue(response(404, { error: { code: 'not_found', message: 'no file' } }))
    const wrapper = await mountItems()
    expect(wrapper.find('[data-test=items-building]').exists()).toBe(true)
    expect(wrapper.text()).toContain('服务事项目录正在建设')
    expect(wrapper.find('[data-test=items-table]').exists()).toBe(false)
  })
})
