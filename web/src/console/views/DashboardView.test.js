import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { createMemoryHistory } from 'vue-router'
import { createPinia } from 'pinia'
import { fakeApi, meBody, mountAt, response } from '@/shared/test_support.js'
import { createConsoleRouter } from '../router.js'
import { FakeEventSource } from '../alert_fixture.js'
import DashboardView from './DashboardView.vue'

const kMine = {
  code: '511602',
  name: '广安区',
  children: [
    { code: '511602001', name: '浜河街道' },
    { code: '511602002', name: '北辰街道' },
  ],
}

function summaryFor(division) {
  const top = !division || division === '511602'
  return {
    open: top ? { warning: 4, yellow: 2, red: 1 } : { warning: 1, yellow: 0, red: 0 },
    by_rule: [{ rule_code: 'time.promised', count: 2 }],
    by_department: [
      { department_id: 3, name: '区教科体局', warning: 1, yellow: 2, red: 1 },
      { department_id: 5, name: '区民政局', warning: 3, yellow: 0, red: 0 },
      { department_id: 6, name: '区档案馆', warning: 0, yellow: 0, red: 0 },
    ],
    by_division: top
      ? [
          { code: '511602001', name: '浜河街道', warning: 1, yellow: 0, red: 0 },
          { code: '511602', name: '广安区', warning: 3, yellow: 2, red: 1 },
        ]
      : [],
    trend: [
      { date: '2026-12-03', warning: 1, yellow: 0, red: 0 },
      { date: '2026-12-04', warning: 3, yellow: 2, red: 1 },
    ],
  }
}

// ECharts needs a laid-out canvas, which jsdom lacks; the charts are tested in Chromium.
const kStubs = { LevelBarChart: true, TrendChart: true }

async function mountDashboard(roles, extraRoutes = [], user = {}) {
  const fetchMock = fakeApi([
    ['GET', '/api/v1/me', meBody(roles, user)],
    ['GET', '/api/v1/divisions/mine', kMine],
    ['GET', '/api/v1/departments', { items: [{ id: 3 }, { id: 5 }] }],
    ['GET', '/api/v1/ledger/head', { tree_size: 12 }],
    ...extraRoutes,
  ])
  vi.stubGlobal('EventSource', FakeEventSource)
  const pinia = createPinia()
  const router = createConsoleRouter(pinia, createMemoryHistory())
  const wrapper = await mountAt(DashboardView, router, '/', { pinia, stubs: kStubs })
  return { wrapper, fetchMock }
}

function summaryCalls(fetchMock) {
  return fetchMock.mock.calls
    .filter(([p]) => p.startsWith('/api/v1/dashboard/summary'))
    .map(([p]) => new URL(p, 'http://x'))
}

const kSummaryRoute = [
  'GET',
  '/api/v1/dashboard/summary',
  (path) => response(200, summaryFor(new URL(path, 'http://x').searchParams.get('division'))),
]

describe('DashboardView', () => {
  beforeEach(() => {
    window.localStorage.clear()
  })

  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('shows open cards and ranks departments', async () => {
    const { wrapper, fetchMock } = await mountDashboard(['supervisor'], [kSummaryRoute])
    expect(wrapper.find('[data-test=open-warning]').text()).toContain('4')
    expect(wrapper.find('[data-test=open-yellow]').text()).toContain('2')
    expect(wrapper.find('[data-test=open-red]').text()).toContain('1')
    const ranking = wrapper.find('[data-test=department-ranking]').findAll('li')
    expect(ranking.map((li) => li.find('button').text())).toEqual(['区教科体局', '区民政局'])
    const [first] = summaryCalls(fetchMock)
    expect(first.searchParams.get('from')).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  })

  it('drills down through the divisions', async () => {
    const { wrapper, fetchMock } = await mountDashboard(['supervisor'], [kSummaryRoute])
    await wrapper.find('[data-test=division-511602001]').trigger('click')
    await flushPromises()
    expect(summaryCalls(fetchMock).at(-1).searchParams.get('division')).toBe('511602001')
    expect(wrapper.find('[data-test=division-path]').text()).toContain('浜河街道')
    expect(wrapper.find('[data-test=open-warning]').text()).toContain('1')

    await wrapper.find('[data-test=division-path] button').trigger('click')
    await flushPromises()
    expect(summaryCalls(fetchMock).at(-1).searchParams.get('division')).toBe('511602')
    expect(wrapper.find('[data-test=division-path]').exists()).toBe(false)
  })

  it('opens a department live status', async () => {
    const status = {
      department_id: 3,
      name: '区教科体局',
      division_code: '511602',
      open: { warning: 1, yellow: 2, red: 1 },
      cases_open: 17,
      cases_overdue: 3,
      cases_near_deadline: 2,
      latest_alerts: [{ id: 7, level: 'red', state: 'ordered', rule_code: 'time.statutory', case_number: 'GA1', message_zh: '超法定时限', detected_at: '2026-12-04T09:00:00+08:00' }],
    }
    const { wrapper } = await mountDashboard(['supervisor'], [kSummaryRoute, ['GET', '/api/v1/dashboard/departments/3', status]])
    await wrapper.find('[data-test=department-ranking] button').trigger('click')
    await flushPromises()
    const panel = wrapper.find('[data-test=department-status]')
    expect(panel.text()).toContain('17')
    expect(panel.text()).toContain('3')
    expect(wrapper.text()).toContain('超法定时限')
  })

  it('reloads after a burst of notices', async () => {
    const { fetchMock } = await mountDashboard(['supervisor'], [kSummaryRoute])
    vi.useFakeTimers()
    FakeEventSource.last.emit('alert', { id: 1, version: 1 })
    FakeEventSource.last.emit('alert', { id: 2, version: 1 })
    expect(summaryCalls(fetchMock).length).toBe(1)
    await vi.advanceTimersByTimeAsync(1100)
    expect(summaryCalls(fetchMock).length).toBe(2)
  })

  it('shows a department account its own department', async () => {
    const forbidden = ['GET', '/api/v1/dashboard/summary', () => response(403, { error: { code: 'forbidden' } })]
    const own = {
      department_id: 5,
      name: '区民政局',
      division_code: '511602',
      open: { warning: 0, yellow: 1, red: 0 },
      cases_open: 9,
      cases_overdue: 1,
      cases_near_deadline: 0,
      latest_alerts: [],
    }
    const { wrapper } = await mountDashboard(['department_staff'], [forbidden, ['GET', '/api/v1/dashboard/departments/5', own]], { department_id: 5 })
    expect(wrapper.find('[data-test=open-cards]').exists()).toBe(false)
    expect(wrapper.find('[data-test=own-department]').text()).toContain('区民政局实时状态')
    expect(wrapper.find('[data-test=own-department]').text()).toContain('9')
    expect(wrapper.find('[data-test=dashboard-stats]').text()).toContain('2')
  })
})
