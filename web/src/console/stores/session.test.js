import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useSessionStore } from './session.js'

function jsonResponse(status, body) {
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: '',
    json: async () => body,
  }
}

const kSupervisor = {
  user: { id: 5, username: 'guangan.supervisor', display_name: '监察员', roles: ['supervisor'] },
  csrf_token: 'csrf-1',
  second_factor: { required: true, enrolled: false, done: false },
}

describe('session store', () => {
  let fetchMock

  beforeEach(() => {
    setActivePinia(createPinia())
    fetchMock = vi.fn()
    vi.stubGlobal('fetch', fetchMock)
  })

  it('starts signed out at the login step', () => {
    const session = useSessionStore()
    expect(session.signedIn).toBe(false)
    expect(session.nextStep).toBe('login')
    expect(session.ready).toBe(false)
  })

  it('asks an unenrolled supervisor to enrol', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, kSupervisor))
    const session = useSessionStore()
    await session.login('guangan.supervisor', 'secret-password')
    expect(session.nextStep).toBe('enrol')
    expect(session.ready).toBe(false)
    const [path, init] = fetchMock.mock.calls[0]
    expect(path).toBe('/api/v1/auth/login')
    expect(init.method).toBe('POST')
    expect(JSON.parse(init.body)).toEqual({ username: 'guangan.supervisor', password: 'secret-password' })
  })

  it('asks an enrolled supervisor for a code', async () => {
    const enrolled = { ...kSupervisor, second_factor: { required: true, enrolled: true, done: false } }
    fetchMock.mockResolvedValueOnce(jsonResponse(200, enrolled))
    const session = useSessionStore()
    await session.login('guangan.supervisor', 'secret-password')
    expect(session.nextStep).toBe('verify')
  })

  it('sends the CSRF token with the confirmation', async () => {
    fetchMock
      .mockResolvedValueOnce(jsonResponse(200, kSupervisor))
      .mockResolvedValueOnce(jsonResponse(204, null))
    const session = useSessionStore()
    await session.login('guangan.supervisor', 'secret-password')
    await session.confirmEnrolment('123456')
    const [path, init] = fetchMock.mock.calls[1]
    expect(path).toBe('/api/v1/auth/totp/confirm')
    expect(init.headers['X-CSRF-Token']).toBe('csrf-1')
    expect(session.ready).toBe(true)
    expect(session.nextStep).toBe('')
  })

  it('keeps the user signed out on a failed login', async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse(401, { error: { code: 'unauthenticated', message: 'wrong username or password' } }),
    )
    const session = useSessionStore()
    await expect(session.login('x', 'y')).rejects.toMatchObject({
      status: 401,
      code: 'unauthenticated',
      message: 'wrong username or password',
    })
    expect(session.signedIn).toBe(false)
  })

  it('treats a 401 from /me as signed out', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(401, { error: { code: 'unauthenticated', message: 'sign in again' } }))
    const session = useSessionStore()
    await session.load()
    expect(session.loaded).toBe(true)
    expect(session.signedIn).toBe(false)
  })

  it('matches roles for the menu', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, kSupervisor))
    const session = useSessionStore()
    await session.load()
    expect(session.hasAnyRole([])).toBe(true)
    expect(session.hasAnyRole(['supervisor', 'audit_admin'])).toBe(true)
    expect(session.hasAnyRole(['platform_admin'])).toBe(false)
  })

  it('forgets the user at logout even when the request fails', async () => {
    fetchMock
      .mockResolvedValueOnce(jsonResponse(200, kSupervisor))
      .mockRejectedValueOnce(new TypeError('network down'))
    const session = useSessionStore()
    await session.load()
    await expect(session.logout()).rejects.toMatchObject({ code: 'network' })
    expect(session.signedIn).toBe(false)
  })
})
