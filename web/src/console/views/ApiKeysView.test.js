import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { createMemoryHistory } from 'vue-router'
import { createPinia } from 'pinia'
import { fakeApi, meBody, mountAt, response, sentBodies } from '@/shared/test_support.js'
import { createConsoleRouter } from '../router.js'
import ApiKeysView from './ApiKeysView.vue'

function keyBody(overrides = {}) {
  return {
    id: 3,
    key_id: 'mk_test0003',
    name: '公共资源交易系统',
    division_code: '511602',
    item_types: [],
    scopes: ['procurement'],
    created_at: 1764806400,
    revoked_at: null,
    last_used_at: null,
    ...overrides,
  }
}

async function mountPage(routes) {
  const fetchMock = fakeApi([['GET', '/api/v1/me', meBody(['security_admin'], { division_code: '511602' })], ...routes])
  const pinia = createPinia()
  const router = createConsoleRouter(pinia, createMemoryHistory())
  const wrapper = await mountAt(ApiKeysView, router, '/api-keys', { pinia })
  return { wrapper, fetchMock }
}

describe('ApiKeysView', () => {
  beforeEach(() => {
    window.localStorage.clear()
  })

  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('lists scopes as tags', async () => {
    const { wrapper } = await mountPage([
      ['GET', '/api/v1/api-keys', { items: [keyBody(), keyBody({ id: 4, key_id: 'mk_test0004', name: '办件系统', scopes: [] })] }],
    ])
    const rows = wrapper.findAll('[data-test=keys-table] tbody tr')
    expect(rows).toHaveLength(2)
    expect(rows[0].findAll('.el-tag').map((tag) => tag.text())).toContain('采购数据推送')
    expect(rows[1].text()).not.toContain('采购数据推送')
  })

  it('sends the chosen scopes on issue', async () => {
    const { wrapper, fetchMock } = await mountPage([
      ['GET', '/api/v1/api-keys', { items: [] }],
      ['POST', '/api/v1/api-keys', () => response(201, { ...keyBody(), secret: 'secret-test' })],
    ])
    await wrapper.find('[data-test=key-issue]').trigger('click')
    await flushPromises()
    await wrapper.find('#key-name').setValue('公共资源交易系统')
    const scopes = wrapper.find('[data-test=key-scopes]')
    expect(scopes.text()).toContain('采购数据推送')
    await scopes.find('input[type=checkbox]').setValue(true)
    await wrapper.find('[data-test=key-save]').trigger('click')
    await flushPromises()
    const [body] = sentBodies(fetchMock, 'POST', '/api/v1/api-keys')
    expect(body.name).toBe('公共资源交易系统')
    expect(body.division_code).toBe('511602')
    expect(body.scopes).toEqual(['procurement'])
  })

  it('sends no scopes when none is chosen', async () => {
    const { wrapper, fetchMock } = await mountPage([
      ['GET', '/api/v1/api-keys', { items: [] }],
      ['POST', '/api/v1/api-keys', () => response(201, { ...keyBody({ scopes: [] }), secret: 'secret-test' })],
    ])
    await wrapper.find('[data-test=key-issue]').trigger('click')
    await flushPromises()
    await wrapper.find('#key-name').setValue('办件系统')
    await wrapper.find('[data-test=key-save]').trigger('click')
    await flushPromises()
    const [body] = sentBodies(fetchMock, 'POST', '/api/v1/api-keys')
    expect(body.scopes).toEqual([])
  })
})
