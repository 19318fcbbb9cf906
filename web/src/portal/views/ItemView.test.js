import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import { fakeApi, mountAt } from '@/shared/test_support.js'
import { createAppI18n, setLocale } from '@/shared/i18n.js'
import { createPortalRouter } from '../router.js'
import ItemView from './ItemView.vue'

const kItem = {
  id: 12,
  code: '511A0138000000-511602000000-000-115113010833722043-1-00',
  name: '适龄儿童、少年因身体状况需要延缓入学或者休学审批',
  department_id: 3,
  division_code: '511602',
  type: 'licensing',
  task_type: '1',
  group_name: '',
  legal_basis: '《中华人民共和国义务教育法》第十一条',
  conditions: '因身体状况需要延缓入学或者休学的适龄儿童、少年。',
  materials: [{ name: '医院诊断证明', copies: 1, note: '原件' }],
  fee: { free: false, amount_fen: 1250, basis: '川发改价格〔2020〕1号' },
  statutory_limit: { unit: 'working_days', amount: 20 },
  promised_limit: { unit: 'working_days', amount: 10 },
  steps: [
    { name: '受理', limit: { unit: 'working_days', amount: 1 } },
    { name: '办结', limit: { unit: 'working_days', amount: 9 } },
  ],
  needs_review: false,
  version: 2,
  department: {
    id: 3,
    name: '区教科体局',
    windows: [{ id: 1, name: '政务服务中心 12 号窗口', address: '广安区金安大道', phone: '0826-1234567' }],
  },
}

async function mountItem(id = 12) {
  const router = createPortalRouter(createMemoryHistory())
  return mountAt(ItemView, router, '/items/' + id)
}

describe('ItemView', () => {
  beforeEach(() => {
    window.localStorage.clear()
  })

  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('shows everything an applicant needs', async () => {
    const fetchMock = fakeApi([['GET', '/api/v1/catalog/items/12', kItem]])
    const wrapper = await mountItem()
    const text = wrapper.text()
    expect(fetchMock.mock.calls[0][0]).toBe('/api/v1/catalog/items/12')
    expect(wrapper.find('h1').text()).toBe(kItem.name)
    expect(text).toContain('义务教育法')
    expect(text).toContain('因身体状况需要延缓入学')
    expect(text).toContain('医院诊断证明')
    expect(text).toContain('10 个工作日')
    expect(text).toContain('20 个工作日')
    expect(wrapper.find('[data-test=item-fee]').text()).toBe('12.50 元')
    expect(text).toContain('川发改价格〔2020〕1号')
    expect(wrapper.find('[data-test=item-steps]').text()).toContain('受理')
    expect(wrapper.find('[data-test=item-windows]').text()).toContain('政务服务中心 12 号窗口')
    expect(wrapper.find('[data-test=item-windows]').text()).toContain('0826-1234567')
  })

  it('marks unpublished parts and free items', async () => {
    const bare = {
      ...kItem,
      legal_basis: '',
      conditions: '',
      materials: [],
      steps: [],
      fee: { free: true, amount_fen: 0, basis: '' },
      needs_review: true,
      department: { id: 3, name: '区教科体局', windows: [] },
    }
    fakeApi([['GET', '/api/v1/catalog/items/12', bare]])
    const text = (await mountItem()).text()
    expect(text.match(/暂未公布/g).length).toBe(4)
    expect(text).toContain('不收费')
    expect(text).toContain('尚未登记服务窗口')
    expect(text).toContain('正在核对')
  })

  it('says so when the item does not exist', async () => {
    fakeApi([])
    const wrapper = await mountItem(999)
    expect(wrapper.find('[data-test=item-missing]').exists()).toBe(true)
  })

  it('reads in English', async () => {
    fakeApi([['GET', '/api/v1/catalog/items/12', kItem]])
    setLocale({ value: 'zh-CN' }, 'en')
    const text = (await mountItem()).text()
    expect(text).toContain('Legal basis')
    expect(text).toContain('10 working days')
    expect(text).toContain('12.50 yuan')
    expect(createAppI18n().global.locale.value).toBe('en')
  })
})
