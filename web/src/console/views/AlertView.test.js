import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { createMemoryHistory } from 'vue-router'
import { createPinia } from 'pinia'
import { fakeApi, meBody, mountAt, response, sentBodies } from '@/shared/test_support.js'
import { createConsoleRouter } from '../router.js'
import { alertDetail, alertSummary, FakeEventSource } from '../alert_fixture.js'
import { procurementAlertDetail } from '../procurement_fixture.js'
import AlertView from './AlertView.vue'

async function mountAlert(roles, routes) {
  const fetchMock = fakeApi([['GET', '/api/v1/me', meBody(roles)], ...routes])
  vi.stubGlobal('EventSource', FakeEventSource)
  const pinia = createPinia()
  const router = createConsoleRouter(pinia, createMemoryHistory())
  const wrapper = await mountAt(AlertView, router, '/alerts/7', { pinia })
  return { wrapper, fetchMock }
}

describe('AlertView', () => {
  beforeEach(() => {
    window.localStorage.clear()
  })

  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('offers only the allowed actions', async () => {
    const { wrapper } = await mountAlert(['supervisor'], [
      ['GET', '/api/v1/alerts/7', alertDetail(['inquire', 'order', 'revoke'])],
    ])
    const buttons = wrapper.findAll('[data-test^=action-]').map((b) => b.text())
    expect(buttons).toEqual(['质询', '督办', '撤销'])
    expect(wrapper.find('[data-test=alert-state]').text()).toBe('已发出')
    expect(wrapper.find('h1').text()).toContain('办结后被修改')
    expect(wrapper.find('[data-test=alert-evidence]').text()).toContain('ev-9')
  })

  it('shows the tamper diff and the timeline', async () => {
    const { wrapper } = await mountAlert(['supervisor'], [['GET', '/api/v1/alerts/7', alertDetail([])]])
    const changed = wrapper.find('[data-test=tamper-alarms] tr.changed')
    expect(changed.find('.diff-before').text()).toBe('refused')
    expect(changed.find('.diff-after').text()).toBe('approved')
    expect(wrapper.find('[data-test=case-timeline]').exists()).toBe(true)
    expect(wrapper.find('[data-test=no-actions]').exists()).toBe(true)
  })

  it('sends an order with its deadline and version', async () => {
    const after = alertDetail(['revoke'], { state: 'ordered', handling: 'order', version: 2 })
    after.actions = [
      {
        id: 1,
        action: 'order',
        from_state: 'issued',
        to_state: 'ordered',
        actor: 'user:guangan.supervisor',
        actor_role: 'supervisor',
        text: '限期整改',
        created_at: '2026-12-04T10:00:00+08:00',
        attachments: [],
      },
    ]
    const { wrapper, fetchMock } = await mountAlert(['supervisor'], [
      ['GET', '/api/v1/alerts/7', alertDetail(['order'])],
      ['POST', '/api/v1/alerts/7/actions', () => response(200, after)],
    ])
    await wrapper.find('[data-test=action-order]').trigger('click')
    await wrapper.find('#step-text').setValue('限期整改')
    await wrapper.find('form[data-test=step-form]').trigger('submit')
    await flushPromises()
    const [body] = sentBodies(fetchMock, 'POST', '/api/v1/alerts/7/actions')
    expect(body).toEqual({ action: 'order', text: '限期整改', version: 1, deadline_days: 20 })
    expect(wrapper.find('[data-test=alert-state]').text()).toBe('已督办')
    expect(wrapper.find('[data-test=alert-actions]').text()).toContain('限期整改')
  })

  it('requires a text before sending', async () => {
    const { wrapper, fetchMock } = await mountAlert(['department_head'], [
      ['GET', '/api/v1/alerts/7', alertDetail(['respond', 'appeal'])],
    ])
    await wrapper.find('[data-test=action-respond]').trigger('click')
    await wrapper.find('#step-text').setValue('好')
    await wrapper.find('form[data-test=step-form]').trigger('submit')
    await flushPromises()
    expect(sentBodies(fetchMock, 'POST', '/api/v1/alerts/7/actions')).toEqual([])
    expect(wrapper.find('[data-test=step-error]').text()).toContain('至少 2 个字')
  })

  it('sends an attachment as Base64', async () => {
    const { wrapper, fetchMock } = await mountAlert(['department_head'], [
      ['GET', '/api/v1/alerts/7', alertDetail(['respond'])],
      ['POST', '/api/v1/alerts/7/actions', () => response(200, alertDetail([], { state: 'responded', version: 2 }))],
    ])
    await wrapper.find('[data-test=action-respond]').trigger('click')
    await wrapper.find('#step-text').setValue('已于当日补正')
    const input = wrapper.find('[data-test=step-files]')
    const file = new File(['receipt 17'], '回执.txt', { type: 'text/plain' })
    Object.defineProperty(input.element, 'files', { value: [file] })
    await input.trigger('change')
    await wrapper.find('form[data-test=step-form]').trigger('submit')
    await vi.waitFor(() => expect(sentBodies(fetchMock, 'POST', '/api/v1/alerts/7/actions').length).toBe(1))
    const [body] = sentBodies(fetchMock, 'POST', '/api/v1/alerts/7/actions')
    expect(body.attachments).toEqual([
      { file_name: '回执.txt', content_type: 'text/plain', content_base64: btoa('receipt 17') },
    ])
  })

  it('explains a stale version', async () => {
    const { wrapper } = await mountAlert(['supervisor'], [
      ['GET', '/api/v1/alerts/7', alertDetail(['close'])],
      ['POST', '/api/v1/alerts/7/actions', () => response(409, { error: { code: 'conflict', message: 'stale' } })],
    ])
    await wrapper.find('[data-test=action-close]').trigger('click')
    await wrapper.find('#step-text').setValue('情况属实')
    await wrapper.find('form[data-test=step-form]').trigger('submit')
    await flushPromises()
    expect(wrapper.find('[data-test=step-error]').text()).toContain('页面已过期')
  })

  it('reloads when the stream reports a newer version', async () => {
    let version = 1
    const { fetchMock } = await mountAlert(['supervisor'], [
      ['GET', '/api/v1/alerts/7', () => response(200, alertDetail([], { version }))],
    ])
    const reads = () => fetchMock.mock.calls.filter(([p]) => p === '/api/v1/alerts/7').length
    expect(reads()).toBe(1)
    version = 2
    FakeEventSource.last.emit('alert', alertSummary({ version: 2, state: 'responded', event: 'action:respond' }))
    await flushPromises()
    expect(reads()).toBe(2)
  })

  it('shows procurement evidence with a tender link', async () => {
    const { wrapper } = await mountAlert(['supervisor'], [['GET', '/api/v1/alerts/7', procurementAlertDetail(['order'])]])
    expect(wrapper.find('[data-test=alert-tender-link]').text()).toBe('GA-ZB-2026-017')
    expect(wrapper.find('[data-test=alert-tender-link]').attributes('href')).toBe('/procurement/tenders/4')
    expect(wrapper.find('[data-test=evidence-field]').text()).toContain('MAC 地址')
    expect(wrapper.find('[data-test=evidence-value]').text()).toBe('AA:BB:CC:DD:EE:01')
    expect(wrapper.find('[data-test=evidence-bids]').text()).toContain('乙建设公司')
    expect(wrapper.find('[data-test=alert-evidence]').exists()).toBe(false)
    expect(wrapper.find('[data-test=alert-facts]').text()).toContain('上传电脑 MAC 地址相同')
  })

  it('shows the tender number without a link for department staff', async () => {
    const { wrapper } = await mountAlert(['department_head'], [['GET', '/api/v1/alerts/7', procurementAlertDetail()]])
    expect(wrapper.find('[data-test=alert-tender-link]').exists()).toBe(false)
    expect(wrapper.find('[data-test=alert-facts]').text()).toContain('GA-ZB-2026-017')
    expect(wrapper.find('[data-test=evidence-bids]').text()).toContain('甲建设公司')
  })
})
