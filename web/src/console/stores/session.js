import { defineStore } from 'pinia'
import { api, setCsrfToken } from '@/shared/api.js'

// The signed-in user and the state of the second factor, as /api/v1/auth/login and /api/v1/me
// return them. `loaded` turns true after the first /me call, whatever its outcome.
export const useSessionStore = defineStore('session', {
  state: () => ({
    user: null,
    secondFactor: { required: false, enrolled: false, done: false },
    loaded: false,
  }),
  getters: {
    signedIn: (state) => state.user !== null,
    // True when the user may use the console beyond the login and TOTP screens.
    ready: (state) =>
      state.user !== null && (!state.secondFactor.required || state.secondFactor.done),
    // The screen the user must pass next: 'login', 'enrol', 'verify' or '' when ready.
    nextStep: (state) => {
      if (state.user === null) return 'login'
      const factor = state.secondFactor
      if (factor.required && !factor.done) return factor.enrolled ? 'verify' : 'enrol'
      return ''
    },
    roles: (state) => (state.user ? state.user.roles : []),
  },
  actions: {
    hasAnyRole(roles) {
      if (!roles || roles.length === 0) return true
      return this.roles.some((r) => roles.includes(r))
    },
    apply(body) {
      this.user = body.user
      this.secondFactor = { ...body.second_factor }
      setCsrfToken(body.csrf_token)
      this.loaded = true
    },
    clear() {
      this.user = null
      this.secondFactor = { required: false, enrolled: false, done: false }
      setCsrfToken('')
      this.loaded = true
    },
    async load() {
      try {
        this.apply(await api.get('/api/v1/me', { quietUnauthenticated: true }))
      } catch (error) {
        if (error.status === 401) {
          this.clear()
          return
        }
        throw error
      }
    },
    async login(username, password) {
      this.apply(await api.post('/api/v1/auth/login', { username, password }))
    },
    // Starts TOTP enrolment and returns the otpauth:// URI.
    async beginEnrolment() {
      const body = await api.post('/api/v1/auth/totp/enrol')
      return body.otpauth_uri
    },
    async confirmEnrolment(code) {
      await api.post('/api/v1/auth/totp/confirm', { code })
      this.secondFactor = { required: true, enrolled: true, done: true }
    },
    async verify(code) {
      await api.post('/api/v1/auth/totp/verify', { code })
      this.secondFactor = { ...this.secondFactor, done: true }
    },
    async logout() {
      try {
        await api.post('/api/v1/auth/logout', undefined, { quietUnauthenticated: true })
      } finally {
        this.clear()
      }
    },
    async changePassword(currentPassword, newPassword) {
      await api.post('/api/v1/auth/password', {
        current_password: currentPassword,
        new_password: newPassword,
      })
      this.clear()
    },
  },
})
