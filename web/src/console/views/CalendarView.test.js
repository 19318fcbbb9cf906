import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import { createPinia } from 'pinia'
import { fakeApi, mountAt } from '@/shared/test_support.js'
import { createConsoleRouter } from '../router.js'
import CalendarView from './CalendarView.vue'

const kMe = {
  user: { id: 1, username: 'platform.admin', display_name: '管理员', roles: ['platform_admin'] },
  csrf_token: 'csrf-3',
  second_factor: { required: true, enrolled: true, done: true },
}

function month(published) {
  // October 2026: the 1st is a Thursday, National Day runs 1 to 8 October and Saturday the
  // 10th is worked.
  const days = []
  for (let d = 1; d <= 31; d++) {
    const weekday = ((d + 2) % 7) + 1
    const date = `2026-10-${String(d).padStart(2, '0')}`
    const holiday = published && d <= 8
    const adjusted = published && d === 10
    days.push({
      date,
      weekday,
      holiday,
      adjusted_workday: adjusted,
      working: adjusted || (!holiday && weekday <= 5),
      name: holiday || adjusted ? '国庆节、中秋节' : '',
    })
  }
  return { month: '2026-10', published, days }
}

// A stand-in for XMLHttpRequest that reports upload progress in two steps, then answers `body`.
class FakeUpload {
  static sent = []
  constructor() {
    this.upload = {}
    this.headers = {}
  }
  open(method, path) {
    this.method = method
    this.path = path
  }
  setRequestHeader(name, value) {
    this.headers[name] = value
  }
  send(body) {
    FakeUpload.sent.push({ method: this.method, path: this.path, headers: this.headers, body: JSON.parse(body) })
    this.upload.onprogress({ lengthComputable: true, loaded: 50, total: 100 })
    this.status = 200
    this.responseText = JSON.stringify({ year: 2027, days: 2 })
    setTimeout(() => this.onload(), 0)
  }
}

async function mountCalendar(published = true) {
  fakeApi([
    ['GET', '/api/v1/me', kMe],
    ['GET', '/api/v1/calendar/months/', month(published)],
    ['GET', '/api/v1/calendar/working-hours', { hours: '09:00-12:00,13:30-17:30', daily_minutes: 420, periods: [] }],
  ])
  const pinia = createPinia()
  const router = createConsoleRouter(pinia, createMemoryHistory())
  return mountAt(CalendarView, router, '/calendar', { pinia })
}

describe('CalendarView', () => {
  beforeEach(() => {
    window.localStorage.clear()
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-10-15T10:00:00+08:00'))
    FakeUpload.sent = []
  })

  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('marks holidays and adjusted workdays', async () => {
    const wrapper = await mountCalendar()
    const grid = wrapper.find('[data-test=month-grid]')
    expect(grid.findAll('td.day-holiday').length).toBe(8)
    expect(grid.findAll('td.day-adjusted').length).toBe(1)
    expect(grid.findAll('tbody tr')[0].findAll('td.day-empty').length).toBe(3)
    expect(grid.text()).toContain('国庆节、中秋节')
    expect(wrapper.find('[data-test=working-hours]').text()).toContain('420')
    expect(wrapper.find('[data-test=calendar-unpublished]').exists()).toBe(false)
  })

  it('warns about a year without a schedule', async () => {
    const wrapper = await mountCalendar(false)
    expect(wrapper.find('[data-test=calendar-unpublished]').exists()).toBe(true)
  })

  it('checks and uploads next year with progress', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeUpload)
    const wrapper = await mountCalendar()
    const schedule = {
      year: 2027,
      days: [
        { name: '元旦', date: '2027-01-01', isOffDay: true },
        { name: '春节', date: '2027-02-14', isOffDay: false },
      ],
    }
    const input = wrapper.find('[data-test=upload-file]')
    const file = new File([JSON.stringify(schedule)], '2027.json', { type: 'application/json' })
    Object.defineProperty(input.element, 'files', { value: [file] })
    await input.trigger('change')
    await vi.waitFor(() => expect(wrapper.find('[data-test=upload-preview]').exists()).toBe(true))
    expect(wrapper.find('[data-test=upload-preview]').text()).toContain('春节')

    await wrapper.find('[data-test=upload-submit]').trigger('click')
    await vi.waitFor(() =>
      expect(wrapper.find('[data-test=upload-progress]').attributes('aria-valuenow')).toBe('100'),
    )
    expect(FakeUpload.sent.length).toBe(1)
    expect(FakeUpload.sent[0].method).toBe('PUT')
    expect(FakeUpload.sent[0].path).toBe('/api/v1/calendar/years/2027')
    expect(FakeUpload.sent[0].headers['X-CSRF-Token']).toBe('csrf-3')
    expect(FakeUpload.sent[0].body).toEqual(schedule)
  })

  it('blocks a file for another year', async () => {
    const wrapper = await mountCalendar()
    const input = wrapper.find('[data-test=upload-file]')
    const file = new File([JSON.stringify({ year: 2030, days: [] })], '2030.json')
    Object.defineProperty(input.element, 'files', { value: [file] })
    await input.trigger('change')
    await vi.waitFor(() => expect(wrapper.find('[data-test=upload-problems]').exists()).toBe(true))
    expect(wrapper.find('[data-test=upload-problems]').text()).toContain('2030')
    expect(wrapper.find('[data-test=upload-submit]').attributes('disabled')).toBeDefined()
  })
})
