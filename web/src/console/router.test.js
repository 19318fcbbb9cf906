import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia } from 'pinia'
import { createMemoryHistory } from 'vue-router'
import { createConsoleRouter } from './router.js'

function response(status, body) {
  return { ok: status >= 200 && status < 300, status, statusText: '', json: async () => body }
}

function me(roles, secondFactor) {
  return response(200, {
    user: { id: 1, username: 'u', display_name: 'U', roles },
    csrf_token: 'c',
    second_factor: secondFactor,
  })
}

const kNoSecondFactor = { required: false, enrolled: false, done: false }

async function landing(path, meResponse) {
  vi.stubGlobal('fetch', vi.fn().mockResolvedValue(meResponse))
  const router = createConsoleRouter(createPinia(), createMemoryHistory())
  await router.push(path)
  return router.currentRoute.value
}

describe('console router', () => {
  beforeEach(() => {
    vi.unstubAllGlobals()
  })

  it('sends a visitor without a session to the login page', async () => {
    const route = await landing('/users', response(401, { error: { code: 'unauthenticated' } }))
    expect(route.name).toBe('login')
    expect(route.query.next).toBe('/users')
  })

  it('sends an unenrolled supervisor to enrolment', async () => {
    const route = await landing('/', me(['supervisor'], { required: true, enrolled: false, done: false }))
    expect(route.name).toBe('totp-enrol')
  })

  it('asks an enrolled supervisor for a code', async () => {
    const route = await landing('/ledger', me(['supervisor'], { required: true, enrolled: true, done: false }))
    expect(route.name).toBe('totp-verify')
  })

  it('keeps staff out of the users page', async () => {
    const route = await landing('/users', me(['department_staff'], kNoSecondFactor))
    expect(route.name).toBe('dashboard')
  })

  it('lets a platform admin open the users page', async () => {
    const done = { required: true, enrolled: true, done: true }
    const route = await landing('/users', me(['platform_admin'], done))
    expect(route.name).toBe('users')
  })

  it('moves a signed-in user off the login page', async () => {
    const route = await landing('/login', me(['department_staff'], kNoSecondFactor))
    expect(route.name).toBe('dashboard')
  })

  it('keeps department staff out of procurement', async () => {
    const route = await landing('/procurement', me(['department_head'], kNoSecondFactor))
    expect(route.name).toBe('dashboard')
  })

  it('lets a supervisor open a tender page', async () => {
    const done = { required: true, enrolled: true, done: true }
    const route = await landing('/procurement/tenders/4', me(['supervisor'], done))
    expect(route.name).toBe('tender')
    expect(route.meta.menu).toBe('procurement')
  })
})
