import { createI18n } from 'vue-i18n'
import zhCN from './locales/zh-CN.js'
import en from './locales/en.js'

export const kLocaleStorageKey = 'mingjing.locale'
export const kLocales = ['zh-CN', 'en']

function storedLocale() {
  try {
    const value = window.localStorage.getItem(kLocaleStorageKey)
    return kLocales.includes(value) ? value : 'zh-CN'
  } catch {
    return 'zh-CN'
  }
}

// Simplified Chinese unless the user chose English earlier on this browser.
export function createAppI18n() {
  const locale = storedLocale()
  document.documentElement.lang = locale
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'zh-CN',
    messages: { 'zh-CN': zhCN, en },
  })
}

// Switches the interface language (`localeRef` is the composer's `locale` ref) and remembers the
// choice in localStorage.
export function setLocale(localeRef, locale) {
  localeRef.value = locale
  document.documentElement.lang = locale
  try {
    window.localStorage.setItem(kLocaleStorageKey, locale)
  } catch {
    // Private browsing may refuse storage; the switch still applies to this page.
  }
}

// Turns an ApiError into a message for the user: known codes get a translated sentence, the rest
// show the server's message.
export function errorText(t, error) {
  const known = ['network', 'unauthenticated', 'forbidden', 'not_found', 'rate_limited']
  if (error && known.includes(error.code)) return t('errors.' + error.code)
  return t('errors.generic', { message: (error && error.message) || String(error) })
}
