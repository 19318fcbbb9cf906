import { describe, expect, it } from 'vitest'
import { dateOnly, dateTime, fenOf, yuan } from './format.js'

describe('format', () => {
  it('shows times in China Standard Time', () => {
    expect(dateTime('2026-12-04T18:41:00Z')).toBe('2026-12-05 02:41')
    expect(dateTime('2026-12-04T09:05:00+08:00')).toBe('2026-12-04 09:05')
    expect(dateTime(1764806400)).toBe('2025-12-04 08:00')
    expect(dateOnly('2026-12-31T23:59:00+08:00')).toBe('2026-12-31')
    expect(dateTime(null)).toBe('')
  })

  it('converts between fen and yuan', () => {
    expect(yuan(1250)).toBe('12.50')
    expect(yuan(5)).toBe('0.05')
    expect(fenOf('12.5')).toBe(1250)
    expect(fenOf('12')).toBe(1200)
    expect(fenOf('12.345')).toBeNull()
    expect(fenOf('-1')).toBeNull()
  })
})
