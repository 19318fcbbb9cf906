import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { createMemoryHistory } from 'vue-router'
import { createPinia } from 'pinia'
import { fakeApi, meBody, mountAt, response, sentBodies } from '@/shared/test_support.js'
import { createConsoleRouter } from '../router.js'
import { parseSettings, templateProblem } from '../rule_input.js'
import RuleView from './RuleView.vue'
import RulesView from './RulesView.vue'

function ruleBody(overrides = {}) {
  return {
    code: 'time.warning',
    category: 'time',
    version: 3,
    enabled: true,
    mode: 'auto',
    settings: { warn_ratio: 0.8 },
    template_zh: '办件 {case_number} 已用去承诺时限的 {percent}%',
    template_en: 'Case {case_number} has used {percent}% of its promised limit',
    updated_at: 1764806400,
    default_level: 'warning',
    meaning: 'Warns when a case has used most of its promised time limit.',
    legal_source: '《四川省行政审批电子监察办法》',
    override_count: 1,
    versions: [{ version: 3, enabled: true, mode: 'auto', settings: { warn_ratio: 0.8 }, changed_by: 'system', changed_at: 1764806400 }],
    overrides: [{ rule_code: 'time.warning', item_code: 'X-1', enabled: false, settings: null, updated_at: 1764806400 }],
    ...overrides,
  }
}

async function mountPage(component, path, roles, routes) {
  const fetchMock = fakeApi([['GET', '/api/v1/me', meBody(roles)], ...routes])
  const pinia = createPinia()
  const router = createConsoleRouter(pinia, createMemoryHistory())
  const wrapper = await mountAt(component, router, path, { pinia })
  return { wrapper, fetchMock }
}

describe('rule input checks', () => {
  it('parses settings objects only', () => {
    expect(parseSettings('{"warn_ratio": 0.7}').value).toEqual({ warn_ratio: 0.7 })
    expect(parseSettings('').value).toEqual({})
    expect(parseSettings('', { emptyIsNull: true }).value).toBeNull()
    expect(parseSettings('[1]').error).toBe('not an object')
    expect(parseSettings('{warn_ratio: 0.7}').error).toBeTruthy()
  })

  it('finds template problems', () => {
    expect(templateProblem('办件 {case_number} 超期')).toBe('')
    expect(templateProblem('  ')).toBe('empty')
    expect(templateProblem('办件 {case_number 超期')).toBe('braces')
    expect(templateProblem('办件 case_number} 超期')).toBe('braces')
    expect(templateProblem('超'.repeat(334))).toBe('tooLong')
  })
})

describe('RuleView', () => {
  beforeEach(() => {
    window.localStorage.clear()
  })

  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('saves settings, mode and templates with the version', async () => {
    const { wrapper, fetchMock } = await mountPage(RuleView, '/rules/time.warning', ['platform_admin'], [
      ['GET', '/api/v1/rules/time.warning', ruleBody()],
      ['PUT', '/api/v1/rules/time.warning', () => response(200, ruleBody({ version: 4, mode: 'confirm' }))],
    ])
    expect(wrapper.find('h1').text()).toBe('办理时限预警')
    await wrapper.find('#rule-settings').setValue('{"warn_ratio": 0.7}')
    await wrapper.find('[data-test=rule-mode-confirm] input').setValue(true)
    await wrapper.find('form[data-test=rule-form]').trigger('submit')
    await flushPromises()
    const [body] = sentBodies(fetchMock, 'PUT', '/api/v1/rules/time.warning')
    expect(body.version).toBe(3)
    expect(body.mode).toBe('confirm')
    expect(body.settings).toEqual({ warn_ratio: 0.7 })
    expect(body.enabled).toBe(true)
    expect(body.template_zh).toContain('{case_number}')
  })

  it('flags invalid JSON and keeps it unsent', async () => {
    const { wrapper, fetchMock } = await mountPage(RuleView, '/rules/time.warning', ['platform_admin'], [
      ['GET', '/api/v1/rules/time.warning', ruleBody()],
    ])
    await wrapper.find('#rule-settings').setValue('{"warn_ratio": }')
    expect(wrapper.find('[data-test=settings-error]').text()).toContain('不是有效的 JSON')
    await wrapper.find('form[data-test=rule-form]').trigger('submit')
    await flushPromises()
    expect(sentBodies(fetchMock, 'PUT', '/api/v1/rules/')).toEqual([])
    expect(wrapper.find('[data-test=rule-error]').exists()).toBe(true)
  })

  it('shows the server rejection of a setting', async () => {
    const { wrapper } = await mountPage(RuleView, '/rules/time.warning', ['platform_admin'], [
      ['GET', '/api/v1/rules/time.warning', ruleBody()],
      ['PUT', '/api/v1/rules/time.warning', () =>
        response(400, { error: { code: 'invalid_field', field: 'settings.warn_ratio', message: 'settings.warn_ratio must be a number in (0, 1]' } })],
    ])
    await wrapper.find('#rule-settings').setValue('{"warn_ratio": 7}')
    await wrapper.find('form[data-test=rule-form]').trigger('submit')
    await flushPromises()
    expect(wrapper.find('[data-test=rule-error]').text()).toContain('warn_ratio must be a number')
  })

  it('sets a per-item override', async () => {
    const { wrapper, fetchMock } = await mountPage(RuleView, '/rules/time.warning', ['platform_admin'], [
      ['GET', '/api/v1/rules/time.warning', ruleBody()],
      ['PUT', '/api/v1/rules/time.warning/overrides/', () => response(200, ruleBody())],
    ])
    expect(wrapper.find('[data-test=rule-overrides]').text()).toContain('X-1')
    await wrapper.find('#override-item').setValue('511A0138')
    await wrapper.find('#override-settings').setValue('{"warn_ratio": 0.5}')
    await wrapper.find('form[data-test=override-form]').trigger('submit')
    await flushPromises()
    const call = fetchMock.mock.calls.find(([p, init]) => init?.method === 'PUT')
    expect(call[0]).toBe('/api/v1/rules/time.warning/overrides/511A0138')
    expect(JSON.parse(call[1].body)).toEqual({ version: 3, settings: { warn_ratio: 0.5 } })
  })

  it('is read-only for a supervisor', async () => {
    const { wrapper } = await mountPage(RuleView, '/rules/time.warning', ['supervisor'], [
      ['GET', '/api/v1/rules/time.warning', ruleBody()],
    ])
    expect(wrapper.find('[data-test=rule-save]').exists()).toBe(false)
    expect(wrapper.find('[data-test=override-form]').exists()).toBe(false)
    expect(wrapper.find('[data-test=rule-versions]').text()).toContain('system')
  })
})

describe('RulesView', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('switches a rule off from the list', async () => {
    const { wrapper, fetchMock } = await mountPage(RulesView, '/rules', ['platform_admin'], [
      ['GET', '/api/v1/rules', { items: [ruleBody(), ruleBody({ code: 'order.not_started', category: 'order', default_level: 'red' })] }],
      ['PUT', '/api/v1/rules/time.warning', () => response(200, ruleBody({ enabled: false, version: 4 }))],
    ])
    const table = wrapper.find('[data-test=rules-table]')
    expect(table.text()).toContain('督办后未启动整改')
    expect(table.text()).toContain('红牌')
    await wrapper.find('[data-test="rule-enabled-time.warning"]').trigger('click')
    await flushPromises()
    const [body] = sentBodies(fetchMock, 'PUT', '/api/v1/rules/time.warning')
    expect(body).toEqual({ enabled: false, version: 3 })
  })
})
