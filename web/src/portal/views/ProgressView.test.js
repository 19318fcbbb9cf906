import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { createMemoryHistory } from 'vue-router'
import { fakeApi, mountAt, response } from '@/shared/test_support.js'
import { createPortalRouter } from '../router.js'
import ProgressView from './ProgressView.vue'

const kProgress = {
  case_number: 'GA2026120400017',
  item_name: '食品经营许可',
  department_name: '区市场监管局',
  state: 'in_progress',
  deadline: '2026-12-18T17:30:00+08:00',
  suspended: false,
  outcome: '',
  deadline_state: 'running',
  steps: [
    { event_type: 'submitted', name: '申请', at: '2026-12-04T09:12:00+08:00' },
    { event_type: 'accepted', name: '受理', at: '2026-12-04T10:00:00+08:00' },
  ],
}

async function lookUp(caseNumber, queryCode) {
  const router = createPortalRouter(createMemoryHistory())
  const wrapper = await mountAt(ProgressView, router, '/progress')
  await wrapper.find('#progress-case-number').setValue(caseNumber)
  await wrapper.find('#progress-query-code').setValue(queryCode)
  await wrapper.find('form').trigger('submit')
  await flushPromises()
  return wrapper
}

describe('ProgressView', () => {
  beforeEach(() => {
    window.localStorage.clear()
  })

  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('shows the state, steps and deadline', async () => {
    const fetchMock = fakeApi([['GET', '/api/v1/public/progress', kProgress]])
    const wrapper = await lookUp(' GA2026120400017 ', 'K7Q2M9')
    const url = new URL(fetchMock.mock.calls[0][0], 'http://x')
    expect(url.searchParams.get('case_number')).toBe('GA2026120400017')
    expect(url.searchParams.get('query_code')).toBe('K7Q2M9')
    expect(wrapper.find('[data-test=progress-state]').text()).toBe('办理中')
    expect(wrapper.find('[data-test=progress-steps]').text()).toContain('受理')
    expect(wrapper.find('[data-test=progress-result]').text()).toContain('区市场监管局')
    expect(wrapper.find('[data-test=progress-deadline]').text()).toMatch(/2026-12-18 \d\d:30/)
  })

  it('explains a missing deadline', async () => {
    fakeApi([['GET', '/api/v1/public/progress', { ...kProgress, deadline: null, deadline_state: 'not_started' }]])
    const wrapper = await lookUp('GA2026120400017', 'K7Q2M9')
    expect(wrapper.find('[data-test=progress-deadline]').text()).toBe('尚未受理，受理后开始计时')
  })

  it('gives one message for a wrong number or code', async () => {
    fakeApi([['GET', '/api/v1/public/progress', () => response(404, { error: { code: 'not_found' } })]])
    const wrapper = await lookUp('GA2026120400017', 'WRONG1')
    expect(wrapper.find('[data-test=progress-error]').text()).toContain('办件编号或查询码不正确')
    expect(wrapper.find('[data-test=progress-result]').exists()).toBe(false)
  })

  it('asks to wait when rate limited', async () => {
    fakeApi([['GET', '/api/v1/public/progress', () => response(429, { error: { code: 'rate_limited' } })]])
    const wrapper = await lookUp('GA2026120400017', 'K7Q2M9')
    expect(wrapper.find('[data-test=progress-error]').text()).toContain('查询过于频繁')
  })

  it('checks the code length before asking the server', async () => {
    const fetchMock = fakeApi([['GET', '/api/v1/public/progress', kProgress]])
    const wrapper = await lookUp('GA2026120400017', '123')
    expect(fetchMock).not.toHaveBeenCalled()
    expect(wrapper.find('.el-form-item.is-error label').text()).toBe('查询码')
  })
})
