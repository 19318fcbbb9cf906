import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { createMemoryHistory } from 'vue-router'
import { createPinia } from 'pinia'
import { fakeApi, mountAt, response, sentBodies } from '@/shared/test_support.js'
import { createConsoleRouter } from '../router.js'
import ItemEditView from './ItemEditView.vue'

const kItem = {
  id: 12,
  code: '511A0138000000-511602000000-000-115113010833722043-1-00',
  name: '适龄儿童、少年因身体状况需要延缓入学或者休学审批',
  department_id: 3,
  division_code: '511602',
  type: 'licensing',
  group_name: '',
  legal_basis: '',
  conditions: '',
  materials: [],
  fee: { free: true, amount_fen: 0, basis: '' },
  statutory_limit: { unit: 'working_days', amount: 20 },
  promised_limit: { unit: 'working_days', amount: 10 },
  steps: [
    { name: '受理', limit: { unit: 'working_days', amount: 1 } },
    { name: '办结', limit: { unit: 'working_days', amount: 9 } },
  ],
  needs_review: true,
  version: 1,
  department: { id: 3, name: '区教科体局', windows: [] },
}

const kHistory = {
  versions: [{ version: 1, changed_by: 'system:import', changed_at: 1764806400, reason: 'import', item: kItem }],
}

function me(roles) {
  return {
    user: { id: 1, username: 'admin', display_name: '管理员', roles },
    csrf_token: 'csrf-9',
    second_factor: { required: true, enrolled: true, done: true },
  }
}

async function mountEditor(roles, extraRoutes = []) {
  const fetchMock = fakeApi([
    ['GET', '/api/v1/me', me(roles)],
    ['GET', '/api/v1/catalog/items/12/history', kHistory],
    ['GET', '/api/v1/catalog/items/12', kItem],
    ...extraRoutes,
  ])
  const pinia = createPinia()
  const router = createConsoleRouter(pinia, createMemoryHistory())
  const wrapper = await mountAt(ItemEditView, router, '/catalog/items/12', { pinia })
  return { wrapper, fetchMock }
}

describe('ItemEditView', () => {
  beforeEach(() => {
    window.localStorage.clear()
  })

  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('saves a fee and a new step with the version', async () => {
    const { department, ...saved } = { ...kItem, version: 2 }
    const { wrapper, fetchMock } = await mountEditor(['platform_admin'], [
      ['PUT', '/api/v1/catalog/items/12', () => response(200, saved)],
    ])
    await wrapper.find('[data-test=fee-free] input').setValue(false)
    await wrapper.find('#fee-amount').setValue('12.5')
    await wrapper.find('#fee-basis').setValue('《收费办法》第三条')
    const addReview = wrapper.findAll('button').find((b) => b.text().includes('审查'))
    await addReview.trigger('click')
    await wrapper.find('[data-test=needs-review] input').setValue(false)
    await wrapper.find('form').trigger('submit')
    await flushPromises()

    const [body] = sentBodies(fetchMock, 'PUT', '/api/v1/catalog/items/12')
    expect(body.version).toBe(1)
    expect(body.fee).toEqual({ free: false, amount_fen: 1250, basis: '《收费办法》第三条' })
    expect(body.steps.map((s) => s.name)).toEqual(['受理', '审查', '办结'])
    expect(body.steps[1].limit).toEqual({ unit: 'working_days', amount: 1 })
    expect(body.needs_review).toBe(false)
    expect(body.statutory_limit).toEqual({ unit: 'working_days', amount: 20 })
    const put = fetchMock.mock.calls.find(([, init]) => init?.method === 'PUT')
    expect(put[1].headers['X-CSRF-Token']).toBe('csrf-9')
    expect(wrapper.find('h1').text()).toBe(kItem.name)
    expect(wrapper.text()).toContain(department.name)
    expect(wrapper.text()).toContain('第 2 版')
  })

  it('rejects a fee it cannot read', async () => {
    const { wrapper, fetchMock } = await mountEditor(['platform_admin'])
    await wrapper.find('[data-test=fee-free] input').setValue(false)
    await wrapper.find('#fee-amount').setValue('12.345')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(sentBodies(fetchMock, 'PUT', '/api/v1/catalog/items/12')).toEqual([])
    expect(wrapper.find('[data-test=item-errors]').text()).toContain('fee.amount_fen')
  })

  it('lists every field the server rejects', async () => {
    const errors = [
      { field: 'promised_limit.amount', message: 'a limit in working_days must be 1 to 1000' },
      { field: 'steps', message: 'the step limits add up to 30, more than the promised limit 10' },
    ]
    const { wrapper } = await mountEditor(['platform_admin'], [
      ['PUT', '/api/v1/catalog/items/12', () =>
        response(400, { error: { code: 'invalid_field', ...errors[0], errors } })],
    ])
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    const text = wrapper.find('[data-test=item-errors]').text()
    expect(text).toContain('promised_limit.amount')
    expect(text).toContain('the step limits add up to 30')
  })

  it('reports a stale version', async () => {
    const { wrapper } = await mountEditor(['platform_admin'], [
      ['PUT', '/api/v1/catalog/items/12', () => response(409, { error: { code: 'conflict', message: 'stale' } })],
    ])
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(wrapper.text()).toContain('该事项已被他人修改')
  })

  it('lets a supervisor read but not save', async () => {
    const { wrapper } = await mountEditor(['supervisor'])
    expect(wrapper.find('[data-test=item-save]').exists()).toBe(false)
    expect(wrapper.find('fieldset').attributes('disabled')).toBeDefined()
    expect(wrapper.find('[data-test=item-history]').text()).toContain('system:import')
  })
})
