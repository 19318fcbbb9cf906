import { beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import LangSwitch from './LangSwitch.vue'
import { createAppI18n, kLocaleStorageKey } from './i18n.js'
import zhCN from './locales/zh-CN.js'
import en from './locales/en.js'

// Lists every message path of a nested message object.
function paths(messages, prefix = '') {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'object' ? paths(value, prefix + key + '.') : [prefix + key],
  )
}

describe('LangSwitch', () => {
  beforeEach(() => {
    window.localStorage.clear()
  })

  it('defaults to Simplified Chinese', () => {
    const i18n = createAppI18n()
    expect(i18n.global.locale.value).toBe('zh-CN')
    expect(document.documentElement.lang).toBe('zh-CN')
  })

  it('switches to English and remembers it', async () => {
    const i18n = createAppI18n()
    const wrapper = mount(LangSwitch, { global: { plugins: [i18n] } })
    expect(wrapper.text()).toBe('English')
    await wrapper.trigger('click')
    expect(i18n.global.locale.value).toBe('en')
    expect(document.documentElement.lang).toBe('en')
    expect(window.localStorage.getItem(kLocaleStorageKey)).toBe('en')
    expect(wrapper.text()).toBe('中文')
    expect(createAppI18n().global.locale.value).toBe('en')
  })

  it('has the same messages in both languages', () => {
    expect(paths(en).sort()).toEqual(paths(zhCN).sort())
  })
})
