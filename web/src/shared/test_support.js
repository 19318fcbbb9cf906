// Helpers for the Vitest component tests: fake fetch responses routed by path, and mounting a
// page with i18n, a router on memory history, Pinia and Element Plus.
import { vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import ElementPlus from 'element-plus'
import { createAppI18n } from './i18n.js'

// A stand-in for a fetch Response.
export function response(status, body, headers = {}) {
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: '',
    headers: { get: (name) => headers[name.toLowerCase()] ?? null },
    json: async () => body,
  }
}

// Replaces fetch with a mock that answers from `routes`: a list of [method, path prefix or
// RegExp, body or function(path, init) returning a response]. Unmatched requests get a 404,
// so a test sees a missing route as a failure rather than a hang. Returns the mock.
export function fakeApi(routes) {
  const mock = vi.fn(async (path, init = {}) => {
    const method = init.method || 'GET'
    for (const [m, pattern, answer] of routes) {
      if (m !== method) continue
      const hit = pattern instanceof RegExp ? pattern.test(path) : path.startsWith(pattern)
      if (!hit) continue
      if (typeof answer === 'function') return answer(path, init)
      return response(200, answer)
    }
    return response(404, { error: { code: 'not_found', message: 'no route ' + method + ' ' + path } })
  })
  vi.stubGlobal('fetch', mock)
  // jsdom has no scrolling, and the routers scroll to the top on each navigation.
  vi.stubGlobal('scrollTo', () => {})
  return mock
}

// The parsed JSON bodies of the calls that `mock` received with `method` on paths starting with
// `prefix`.
export function sentBodies(mock, method, prefix) {
  return mock.mock.calls
    .filter(([path, init]) => (init?.method || 'GET') === method && path.startsWith(prefix))
    .map(([, init]) => JSON.parse(init.body))
}

// Mounts `component` at `path` of `router` and waits for its requests.
export async function mountAt(component, router, path, { pinia = createPinia(), props, stubs } = {}) {
  setActivePinia(pinia)
  router.push(path)
  await router.isReady()
  const wrapper = mount(component, {
    props,
    global: { plugins: [createAppI18n(), router, pinia, ElementPlus], stubs },
  })
  await flushPromises()
  return wrapper
}

// The body of GET /api/v1/me for a user with `roles` who has passed the second factor.
export function meBody(roles, extra = {}) {
  return {
    user: { id: 1, username: 'test.user', display_name: '测试用户', roles, ...extra },
    csrf_token: 'csrf-test',
    second_factor: { required: true, enrolled: true, done: true },
  }
}
