import { describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { alertMessage, isOpen, stepProblem } from './alerts.js'
import { useAlertStream } from './stores/alert_stream.js'
import { alertSummary, FakeEventSource } from './alert_fixture.js'

describe('stepProblem', () => {
  it('needs two characters except for start', () => {
    expect(stepProblem('respond', ' 好 ', [])).toBe('alerts.textRequired')
    expect(stepProblem('respond', '好的', [])).toBe('')
    expect(stepProblem('start', '', [])).toBe('')
    expect(stepProblem('confirm_issue', '', [])).toBe('')
  })

  it('limits attachments', () => {
    const small = { size: 10 }
    expect(stepProblem('report', '已整改', Array(6).fill(small))).toBe('alerts.tooManyFiles')
    expect(stepProblem('report', '已整改', [{ size: 5 * 1024 * 1024 + 1 }])).toBe('alerts.fileTooLarge')
    expect(stepProblem('report', '已整改', Array(5).fill(small))).toBe('')
  })
})

describe('alert helpers', () => {
  it('picks the message of the language', () => {
    const alert = alertSummary()
    expect(alertMessage(alert, 'en')).toContain('changed after completion')
    expect(alertMessage(alert, 'zh-CN')).toContain('办结后被修改')
    expect(alertMessage({ ...alert, message_en: '' }, 'en')).toContain('办结后被修改')
  })

  it('counts closed and revoked as done', () => {
    expect(isOpen('ordered')).toBe(true)
    expect(isOpen('closed')).toBe(false)
    expect(isOpen('revoked')).toBe(false)
  })
})

describe('alert stream', () => {
  it('keeps the latest notice and ignores junk', () => {
    vi.stubGlobal('EventSource', FakeEventSource)
    setActivePinia(createPinia())
    const stream = useAlertStream()
    stream.start()
    expect(FakeEventSource.last.url).toBe('/api/v1/stream')
    expect(stream.status).toBe('connecting')
    FakeEventSource.last.emit('open', {})
    expect(stream.status).toBe('open')
    FakeEventSource.last.emit('alert', alertSummary({ id: 12 }))
    FakeEventSource.last.emit('alert', 'not an alert')
    expect(stream.received).toBe(1)
    expect(stream.latest.id).toBe(12)
    stream.stop()
    expect(FakeEventSource.last.readyState).toBe(2)
    vi.unstubAllGlobals()
  })
})
