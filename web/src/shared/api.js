// A thin fetch wrapper for the Mingjing JSON API: it sends the session cookie, the CSRF token on
// requests that change state, and turns the API's error body into an ApiError.

const kStateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

let csrfToken = ''
let unauthenticatedHandler = null

export class ApiError extends Error {
  // `code`, `message` and `field` come from the body {"error": {...}}; `status` is the HTTP one.
  constructor(status, code, message, field) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.field = field || ''
  }
}

export function setCsrfToken(token) {
  csrfToken = token || ''
}

// Registers the callback run on every 401, so the console can send the user to the login page.
export function onUnauthenticated(handler) {
  unauthenticatedHandler = handler
}

async function readError(response) {
  let body = null
  try {
    body = await response.json()
  } catch {
    body = null
  }
  const error = body && body.error ? body.error : {}
  return new ApiError(
    response.status,
    error.code || 'http_' + response.status,
    error.message || response.statusText || 'request failed',
    error.field,
  )
}

export async function request(method, path, body, options = {}) {
  const headers = { Accept: 'application/json' }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  if (kStateChanging.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken
  let response
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch (cause) {
    throw new ApiError(0, 'network', cause.message || 'network error', '')
  }
  if (!response.ok) {
    const error = await readError(response)
    if (response.status === 401 && unauthenticatedHandler && !options.quietUnauthenticated) {
      unauthenticatedHandler(error)
    }
    throw error
  }
  if (response.status === 204) return null
  return response.json()
}

export const api = {
  get: (path, options) => request('GET', path, undefined, options),
  post: (path, body, options) => request('POST', path, body === undefined ? {} : body, options),
}
