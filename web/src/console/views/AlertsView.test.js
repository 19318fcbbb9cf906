import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { createMemoryHistory } from 'vue-router'
import { createPinia } from 'pinia'
import { fakeApi, meBody, mountAt, response, sentBodies } from '@/shared/test_support.js'
import { createConsoleRouter } from '../router.js'
import { alertSummary, FakeEventSource } from '../alert_fixture.js'
import AlertsView from './AlertsView.vue'

async function mountInbox(roles, path, routes) {
  const fetchMock = fakeApi([
    ['GET', '/api/v1/me', meBody(roles)],
    ['GET', '/api/v1/departments', { items: [{ id: 3, name: '区教科体局' }] }],
    ...routes,
  ])
  vi.stubGlobal('EventSource', FakeEventSource)
  const pinia = createPinia()
  const router = createConsoleRouter(pinia, createMemoryHistory())
  const wrapper = await mountAt(AlertsView, router, path, { pinia })
  return { wrapper, fetchMock, router }
}

function listCalls(fetchMock) {
  return fetchMock.mock.calls.filter(([p]) => p.startsWith('/api/v1/alerts?')).map(([p]) => new URL(p, 'http://x'))
}

describe('AlertsView', () => {
  beforeEach(() => {
    window.localStorage.clear()
  })

  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('sends the filters from the address', async () => {
    const { wrapper, fetchMock } = await mountInbox(
      ['supervisor'],
      '/alerts?level=red&state=ordered&rule=order.not_started&department_id=3&division=511602',
      [['GET', '/api/v1/alerts?', { items: [alertSummary({ level: 'red' })], total: 1 }]],
    )
    const [url] = listCalls(fetchMock)
    expect(url.searchParams.get('level')).toBe('red')
    expect(url.searchParams.get('state')).toBe('ordered')
    expect(url.searchParams.get('rule')).toBe('order.not_started')
    expect(url.searchParams.get('department_id')).toBe('3')
    expect(url.searchParams.get('division')).toBe('511602')
    expect(url.searchParams.get('open')).toBe('true')
    expect(wrapper.find('[data-test=alerts-table]').text()).toContain('红牌')
  })

  it('shows closed alerts when asked', async () => {
    const { fetchMock } = await mountInbox(['supervisor'], '/alerts?open=false', [
      ['GET', '/api/v1/alerts?', { items: [], total: 0 }],
    ])
    expect(listCalls(fetchMock)[0].searchParams.get('open')).toBeNull()
  })

  it('updates a row from the stream', async () => {
    const { wrapper } = await mountInbox(['supervisor'], '/alerts', [
      ['GET', '/api/v1/alerts?', { items: [alertSummary()], total: 1 }],
    ])
    FakeEventSource.last.emit('open', {})
    FakeEventSource.last.emit('alert', alertSummary({ state: 'responded', version: 2, event: 'action:respond' }))
    await flushPromises()
    const table = wrapper.find('[data-test=alerts-table]')
    expect(table.text()).toContain('已说明')
    expect(table.find('.fresh-row').exists()).toBe(true)
    expect(wrapper.find('[data-test=live-status]').text()).toBe('实时更新中')
  })

  it('reloads for a new alert', async () => {
    let items = [alertSummary()]
    const { wrapper, fetchMock } = await mountInbox(['supervisor'], '/alerts', [
      ['GET', '/api/v1/alerts?', () => response(200, { items, total: items.length })],
    ])
    items = [alertSummary({ id: 8, level: 'red', message_zh: '新的红牌' }), ...items]
    FakeEventSource.last.emit('alert', items[0])
    await vi.waitFor(() => expect(listCalls(fetchMock).length).toBe(2))
    await flushPromises()
    expect(wrapper.find('[data-test=alerts-table]').text()).toContain('新的红牌')
  })

  it('runs a bulk action on the selection', async () => {
    const { wrapper, fetchMock } = await mountInbox(['supervisor'], '/alerts', [
      ['GET', '/api/v1/alerts?', { items: [alertSummary(), alertSummary({ id: 9 })], total: 2 }],
      ['POST', '/api/v1/alerts/bulk', () =>
        response(200, { results: [{ id: 7, status: 200, error: null }, { id: 9, status: 409, error: 'alert 9 is closed' }] })],
    ])
    await vi.waitFor(() => expect(wrapper.findAll('.el-table__row').length).toBe(2))
    await wrapper.find('.el-table__header .el-checkbox input').setValue(true)
    await vi.waitFor(() => expect(wrapper.text()).toContain('已选 2 条'))
    await wrapper.find('[data-test=bulk-close]').trigger('click')
    await flushPromises()
    await wrapper.find('#bulk-text').setValue('已核实')
    await wrapper.find('[data-test=bulk-submit]').trigger('submit')
    await vi.waitFor(() => expect(wrapper.find('[data-test=bulk-results]').exists()).toBe(true))
    const [body] = sentBodies(fetchMock, 'POST', '/api/v1/alerts/bulk')
    expect(body).toEqual({ ids: [7, 9], action: 'close', text: '已核实' })
    expect(wrapper.find('[data-test=bulk-results]').text()).toContain('alert 9 is closed')
  })

  it('gives department staff their own bulk actions', async () => {
    const { wrapper } = await mountInbox(['department_staff'], '/alerts', [
      ['GET', '/api/v1/alerts?', { items: [], total: 0 }],
    ])
    const names = wrapper.findAll('[data-test^=bulk-]').map((b) => b.attributes('data-test'))
    expect(names).toEqual(['bulk-respond', 'bulk-start', 'bulk-report'])
  })
})
