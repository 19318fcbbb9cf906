// Alerts as the alert API returns them, for the component tests.
import { kCase } from './case_fixture.js'

export function alertSummary(overrides = {}) {
  return {
    id: 7,
    level: 'yellow',
    state: 'issued',
    handling: '',
    rule_code: 'tamper.after_completion',
    case_id: 41,
    case_number: 'GA2026120400017',
    item_code: kCase.item_code,
    division_code: '511602',
    department_id: 3,
    department_name: '区教科体局',
    subject: 'case:41',
    message_zh: '办件 GA2026120400017 办结后被修改',
    message_en: 'Case GA2026120400017 was changed after completion',
    detected_at: '2026-12-04T09:00:01+08:00',
    issued_at: '2026-12-04T09:00:01+08:00',
    answer_due_at: null,
    closed_at: null,
    version: 1,
    ...overrides,
  }
}

export function alertDetail(allowed, overrides = {}) {
  return {
    alert: { ...alertSummary(overrides), evidence: { event_id: 'ev-9', old_version: 1, new_version: 2 } },
    actions: [],
    allowed_actions: allowed,
    case: { ...kCase, timeline: undefined, tamper_alarms: undefined },
    timeline: kCase.timeline,
    tamper_alarms: kCase.tamper_alarms,
  }
}

// A stand-in for EventSource that tests drive with emit().
export class FakeEventSource {
  static last = null
  constructor(url) {
    this.url = url
    this.readyState = 0
    this.listeners = {}
    FakeEventSource.last = this
  }
  addEventListener(name, listener) {
    ;(this.listeners[name] ||= []).push(listener)
  }
  emit(name, data) {
    if (name === 'open') this.readyState = 1
    for (const listener of this.listeners[name] || []) listener({ data: JSON.stringify(data) })
  }
  close() {
    this.readyState = 2
  }
}
