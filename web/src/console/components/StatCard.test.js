import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import StatCard from './StatCard.vue'

describe('StatCard', () => {
  it('shows the count', () => {
    const wrapper = mount(StatCard, { props: { label: '部门数量', value: 12 } })
    expect(wrapper.text()).toContain('部门数量')
    expect(wrapper.find('[data-test=stat-value]').text()).toBe('12')
  })

  it('shows zero as a count', () => {
    const wrapper = mount(StatCard, { props: { label: '部门数量', value: 0 } })
    expect(wrapper.find('[data-test=stat-value]').text()).toBe('0')
  })

  it('shows the unavailable text instead of a number', () => {
    const wrapper = mount(StatCard, {
      props: { label: '账号数量', value: null, unavailableText: '无权查看' },
    })
    expect(wrapper.find('[data-test=stat-value]').exists()).toBe(false)
    expect(wrapper.text()).toContain('无权查看')
  })
})
