import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import { createPinia } from 'pinia'
import { fakeApi, meBody, mountAt } from '@/shared/test_support.js'
import { createConsoleRouter } from '../router.js'
import { kCase } from '../case_fixture.js'
import CaseView from './CaseView.vue'
import CasesView from './CasesView.vue'

async function mountPage(component, path, routes) {
  const fetchMock = fakeApi([['GET', '/api/v1/me', meBody(['supervisor'])], ...routes])
  const pinia = createPinia()
  const router = createConsoleRouter(pinia, createMemoryHistory())
  const wrapper = await mountAt(component, router, path, { pinia })
  return { wrapper, fetchMock, router }
}

describe('CaseView', () => {
  beforeEach(() => {
    window.localStorage.clear()
  })

  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('shows facts, alarms and every version', async () => {
    const { wrapper } = await mountPage(CaseView, '/cases/41', [['GET', '/api/v1/cases/41', kCase]])
    expect(wrapper.find('h1').text()).toContain('GA2026120400017')
    expect(wrapper.find('[data-test=case-facts]').text()).toContain('已办结')

    const alarm = wrapper.find('[data-test=tamper-alarms]')
    expect(alarm.text()).toContain('办结后修改')
    const changed = alarm.findAll('tr.changed')
    expect(changed.length).toBe(1)
    expect(changed[0].find('th').text()).toContain('outcome')
    expect(changed[0].find('.diff-before').text()).toBe('refused')
    expect(changed[0].find('.diff-after').text()).toBe('approved')

    const timeline = wrapper.find('[data-test=case-timeline]')
    expect(timeline.findAll('li.timeline-event').length).toBe(2)
    expect(timeline.text()).toContain('2 个版本')
    await wrapper.find('[data-test=timeline-toggle-ev-9]').trigger('click')
    expect(timeline.find('[data-test=version-diff]').exists()).toBe(true)
    expect(timeline.text()).toContain('cc33')
  })

  it('reports a case outside the region', async () => {
    const { wrapper } = await mountPage(CaseView, '/cases/99', [])
    expect(wrapper.text()).toContain('未找到请求的记录')
  })
})

describe('CasesView', () => {
  beforeEach(() => {
    window.localStorage.clear()
  })

  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('searches and pages by offset', async () => {
    const { wrapper, fetchMock, router } = await mountPage(CasesView, '/cases?state=completed', [
      ['GET', '/api/v1/cases', { items: [kCase], next_offset: 50 }],
    ])
    const first = new URL(fetchMock.mock.calls.find(([p]) => p.startsWith('/api/v1/cases'))[0], 'http://x')
    expect(first.searchParams.get('state')).toBe('completed')
    expect(first.searchParams.get('limit')).toBe('50')
    expect(wrapper.find('[data-test=cases-table]').text()).toContain('GA2026120400017')

    await wrapper.find('[data-test=cases-next]').trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.query.offset).toBe('50'))
    await vi.waitFor(() => expect(fetchMock.mock.calls.at(-1)[0]).toContain('offset=50'))
  })
})
