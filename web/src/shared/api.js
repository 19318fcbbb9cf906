// A thin fetch wrapper for the Mingjing JSON API: it sends the session cookie, the CSRF token on
// requests that change state, and turns the API's error body into an ApiError.

const kStateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

let csrfToken = ''
let unauthenticatedHandler = null

export class ApiError extends Error {
  // `code`, `message` and `field` come from the body {"error": {...}}; `status` is the HTTP one.
  // `errors` lists every invalid member [{field, message}] when the server reports several.
  constructor(status, code, message, field, errors) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.field = field || ''
    this.errors = errors || []
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
    Array.isArray(error.errors) ? error.errors : [],
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
  put: (path, body, options) => request('PUT', path, body, options),
  patch: (path, body, options) => request('PATCH', path, body, options),
  delete: (path, options) => request('DELETE', path, undefined, options),
}

// Sends `body` as JSON with XMLHttpRequest, because fetch reports no upload progress, and calls
// `onProgress(fraction)` from 0 to 1 as the body goes out. Resolves and rejects like request().
export function sendWithProgress(method, path, body, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open(method, path)
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.setRequestHeader('Content-Type', 'application/json')
    if (kStateChanging.has(method) && csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken)
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && onProgress) onProgress(event.loaded / event.total)
    }
    xhr.onerror = () => reject(new ApiError(0, 'network', 'network error', ''))
    xhr.onload = async () => {
      const response = {
        ok: xhr.status >= 200 && xhr.status < 300,
        status: xhr.status,
        statusText: xhr.statusText,
        json: async () => JSON.parse(xhr.responseText),
      }
      if (!response.ok) {
        const error = await readError(response)
        if (response.status === 401 && unauthenticatedHandler) unauthenticatedHandler(error)
        reject(error)
        return
      }
      if (onProgress) onProgress(1)
      resolve(xhr.status === 204 ? null : await response.json())
    }
    xhr.send(JSON.stringify(body))
  })
}
