// Checks a holiday schedule in the holiday-cn format ({year, days: [{name, date, isOffDay}]})
// before it is uploaded, so that a wrong file is reported at once. The server validates the
// schedule again.

// Returns {schedule, problems, holidays}: the parsed schedule, the problems found (each
// {key, params} for the calendar.problems.* messages) and, per holiday name, the number of days
// off and of adjusted workdays.
export function checkYearSchedule(text, expectedYear) {
  let schedule
  try {
    schedule = JSON.parse(text)
  } catch (error) {
    return { schedule: null, problems: [{ key: 'notJson', params: { message: error.message } }], holidays: [] }
  }
  if (!schedule || typeof schedule !== 'object' || !Array.isArray(schedule.days)) {
    return { schedule: null, problems: [{ key: 'noDays', params: {} }], holidays: [] }
  }

  const problems = []
  const year = schedule.year === undefined ? expectedYear : schedule.year
  if (year !== expectedYear) problems.push({ key: 'wrongYear', params: { found: year, expected: expectedYear } })

  const seen = new Set()
  const byName = new Map()
  schedule.days.forEach((day, index) => {
    const where = { index: index + 1 }
    if (!day || typeof day.name !== 'string' || day.name === '') {
      problems.push({ key: 'noName', params: where })
      return
    }
    if (typeof day.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(day.date) || Number.isNaN(Date.parse(day.date))) {
      problems.push({ key: 'badDate', params: { ...where, date: String(day.date) } })
      return
    }
    if (typeof day.isOffDay !== 'boolean') {
      problems.push({ key: 'noOffDay', params: { ...where, date: day.date } })
      return
    }
    if (seen.has(day.date)) problems.push({ key: 'duplicate', params: { date: day.date } })
    seen.add(day.date)
    const entry = byName.get(day.name) || { name: day.name, off: 0, workdays: 0, first: day.date }
    if (day.isOffDay) entry.off += 1
    else entry.workdays += 1
    if (day.date < entry.first) entry.first = day.date
    byName.set(day.name, entry)
  })

  const holidays = [...byName.values()].sort((a, b) => a.first.localeCompare(b.first))
  return { schedule: { ...schedule, year }, problems, holidays }
}

// Splits the days of a month into weeks of seven cells, Monday first, with null cells before the
// first and after the last day. `days` are the month's days as the calendar API returns them,
// with `weekday` 1 (Monday) to 7 (Sunday).
export function monthWeeks(days) {
  if (days.length === 0) return []
  const cells = Array(days[0].weekday - 1).fill(null).concat(days)
  while (cells.length % 7 !== 0) cells.push(null)
  const weeks = []
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7))
  return weeks
}
