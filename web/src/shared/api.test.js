import { beforeEach, describe, expect, it, vi } from 'vitest'
import { api, ApiError, onUnauthenticated, setCsrfToken } from './api.js'

function response(status, body) {
  return { ok: status >= 200 && status < 300, status, statusText: 'x', json: async () => body }
}

describe('api', () => {
  let fetchMock

  beforeEach(() => {
    fetchMock = vi.fn()
    vi.stubGlobal('fetch', fetchMock)
    setCsrfToken('')
    onUnauthenticated(null)
  })

  it('omits the CSRF header on GET', async () => {
    setCsrfToken('token-1')
    fetchMock.mockResolvedValueOnce(response(200, { items: [] }))
    await api.get('/api/v1/users')
    expect(fetchMock.mock.calls[0][1].headers['X-CSRF-Token']).toBeUndefined()
  })

  it('turns the error body into an ApiError with its field', async () => {
    fetchMock.mockResolvedValueOnce(
      response(400, { error: { code: 'invalid_field', message: 'username is required', field: 'username' } }),
    )
    const error = await api.post('/api/v1/users', {}).catch((e) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(400)
    expect(error.code).toBe('invalid_field')
    expect(error.field).toBe('username')
    expect(error.message).toBe('username is required')
  })

  it('calls the 401 handler', async () => {
    const handler = vi.fn()
    onUnauthenticated(handler)
    fetchMock.mockResolvedValueOnce(response(401, { error: { code: 'unauthenticated', message: 'sign in again' } }))
    await expect(api.get('/api/v1/departments')).rejects.toBeInstanceOf(ApiError)
    expect(handler).toHaveBeenCalledTimes(1)
  })

  it('survives an error body that is not JSON', async () => {
    fetchMock.mockResolvedValueOnce({
      ok: false,
      status: 502,
      statusText: 'Bad Gateway',
      json: async () => {
        throw new SyntaxError('not json')
      },
    })
    const error = await api.get('/api/v1/me').catch((e) => e)
    expect(error.code).toBe('http_502')
    expect(error.message).toBe('Bad Gateway')
  })
})
