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

// The platform's time zone. Every time is shown in China Standard Time, whatever zone the
// browser is set to, so that screens, printouts and the server's messages agree.
const kPlatformZone = 'Asia/Shanghai'
const kPlatformFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: kPlatformZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

// Formats an RFC 3339 time or seconds since the Unix epoch as "2026-02-12 10:30" in China
// Standard Time, or '' for null.
export function dateTime(value) {
  if (value === null || value === undefined || value === '') return ''
  const date = typeof value === 'number' ? new Date(value * 1000) : new Date(value)
  if (Number.isNaN(date.getTime())) return String(value)
  const parts = Object.fromEntries(kPlatformFormat.formatToParts(date).map((p) => [p.type, p.value]))
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`
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
