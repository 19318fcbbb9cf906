import { describe, expect, it } from 'vitest'
import { checkYearSchedule, monthWeeks } from './year_schedule.js'

const kGood = JSON.stringify({
  year: 2027,
  days: [
    { name: '元旦', date: '2027-01-01', isOffDay: true },
    { name: '春节', date: '2027-02-06', isOffDay: true },
    { name: '春节', date: '2027-02-07', isOffDay: true },
    { name: '春节', date: '2027-02-14', isOffDay: false },
  ],
})

describe('checkYearSchedule', () => {
  it('summarises holidays in date order', () => {
    const result = checkYearSchedule(kGood, 2027)
    expect(result.problems).toEqual([])
    expect(result.holidays).toEqual([
      { name: '元旦', off: 1, workdays: 0, first: '2027-01-01' },
      { name: '春节', off: 2, workdays: 1, first: '2027-02-06' },
    ])
    expect(result.schedule.year).toBe(2027)
  })

  it('takes the chosen year when the file has none', () => {
    const result = checkYearSchedule(JSON.stringify({ days: [] }), 2027)
    expect(result.problems).toEqual([])
    expect(result.schedule.year).toBe(2027)
  })

  it('finds a wrong year', () => {
    const { problems } = checkYearSchedule(kGood, 2028)
    expect(problems).toEqual([{ key: 'wrongYear', params: { found: 2027, expected: 2028 } }])
  })

  it('names each bad entry', () => {
    const text = JSON.stringify({
      year: 2027,
      days: [
        { name: '', date: '2027-01-01', isOffDay: true },
        { name: '元旦', date: '2027-13-01', isOffDay: true },
        { name: '元旦', date: '2027-01-02' },
        { name: '元旦', date: '2027-01-03', isOffDay: true },
        { name: '元旦', date: '2027-01-03', isOffDay: true },
      ],
    })
    const keys = checkYearSchedule(text, 2027).problems.map((p) => p.key)
    expect(keys).toEqual(['noName', 'badDate', 'noOffDay', 'duplicate'])
  })

  it('rejects text that is not a schedule', () => {
    expect(checkYearSchedule('{', 2027).problems[0].key).toBe('notJson')
    expect(checkYearSchedule('[]', 2027).problems[0].key).toBe('noDays')
  })
})

describe('monthWeeks', () => {
  it('starts weeks on Monday', () => {
    // February 2026 starts on a Sunday (ISO weekday 7) and has 28 days.
    const days = Array.from({ length: 28 }, (_, i) => ({ date: `2026-02-${i + 1}`, weekday: ((i + 6) % 7) + 1 }))
    const weeks = monthWeeks(days)
    expect(weeks.length).toBe(5)
    expect(weeks[0].slice(0, 6)).toEqual([null, null, null, null, null, null])
    expect(weeks[0][6].date).toBe('2026-02-1')
    expect(weeks[4].filter((d) => d === null).length).toBe(1)
  })
})
