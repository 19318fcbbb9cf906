// Formatting shared by the portal and the console: money in fen, times from the API, and time
// limits {unit, amount}.

// Formats an amount in fen (0.01 yuan) as yuan with two decimals, e.g. 12345 → "123.45".
export function yuan(fen) {
  const value = Number(fen) || 0
  const sign = value < 0 ? '-' : ''
  const absolute = Math.abs(value)
  return sign + Math.floor(absolute / 100) + '.' + String(absolute % 100).padStart(2, '0')
}

// Parses a yuan amount typed by a person ("12", "12.5", "12.50") into whole fen, or null when the
// text is not a non-negative amount with at most two decimals.
export function fenOf(text) {
  const match = /^\s*(\d{1,9})(?:\.(\d{1,2}))?\s*$/.exec(String(text))
  if (!match) return null
  return Number(match[1]) * 100 + Number((match[2] || '').padEnd(2, '0'))
}

function pad(n) {
  return String(n).padStart(2, '0')
}

// Formats an RFC 3339 time or seconds since the Unix epoch as local "2026-02-12 10:30", or ''
// for null. Times are shown in the browser's zone, which for the users of the platform is
// China Standard Time.
export function dateTime(value) {
  if (value === null || value === undefined || value === '') return ''
  const date = typeof value === 'number' ? new Date(value * 1000) : new Date(value)
  if (Number.isNaN(date.getTime())) return String(value)
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}`
  )
}

// Formats like dateTime() but the date only.
export function dateOnly(value) {
  return dateTime(value).slice(0, 10)
}

// Formats a time limit {unit, amount} with the `limits.*` messages.
export function limitText(t, limit) {
  if (!limit || !limit.unit) return t('limits.none')
  if (limit.unit === 'immediate') return t('limits.immediate')
  return t('limits.' + limit.unit, { n: limit.amount })
}

// The time limit units that the catalogue accepts, in the order a form lists them.
export const kLimitUnits = [
  'immediate',
  'working_days',
  'calendar_days',
  'working_hours',
  'months',
  'years',
]
