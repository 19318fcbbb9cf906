import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import { createPinia } from 'pinia'
import { fakeApi, mountAt } from '@/shared/test_support.js'
import { createConsoleRouter } from '../router.js'
import CatalogView from './CatalogView.vue'

const kMe = {
  user: { id: 1, username: 'admin', display_name: '管理员', roles: ['platform_admin'] },
  csrf_token: 'c',
  second_factor: { required: true, enrolled: true, done: true },
}

const kPage = {
  items: [
    {
      id: 12,
      code: 'X-1',
      name: '食品经营许可',
      department_id: 7,
      division_code: '511602',
      type: 'licensing',
      statutory_limit: { unit: 'working_days', amount: 20 },
      promised_limit: { unit: 'working_days', amount: 10 },
      fee_free: true,
      needs_review: true,
    },
  ],
  total: 1,
}

describe('CatalogView', () => {
  beforeEach(() => {
    window.localStorage.clear()
  })

  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('filters by department, type and review flag', async () => {
    const fetchMock = fakeApi([
      ['GET', '/api/v1/me', kMe],
      ['GET', '/api/v1/catalog/items', kPage],
      ['GET', '/api/v1/catalog/departments', { items: [{ id: 7, name: '区市场监管局', items: 1 }] }],
    ])
    const pinia = createPinia()
    const router = createConsoleRouter(pinia, createMemoryHistory())
    const wrapper = await mountAt(CatalogView, router, '/catalog?department_id=7&type=licensing&needs_review=true', { pinia })
    const call = fetchMock.mock.calls.find(([p]) => p.startsWith('/api/v1/catalog/items'))
    const url = new URL(call[0], 'http://x')
    expect(url.searchParams.get('department_id')).toBe('7')
    expect(url.searchParams.get('type')).toBe('licensing')
    expect(url.searchParams.get('needs_review')).toBe('true')
    const table = wrapper.find('[data-test=catalog-table]').text()
    expect(table).toContain('食品经营许可')
    expect(table).toContain('区市场监管局')
    expect(table).toContain('待核对')
  })
})
