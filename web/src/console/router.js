import { createRouter, createWebHistory } from 'vue-router'
import { useSessionStore } from './stores/session.js'

// Roles that may open each page; the side menu shows only the pages the user may open. The
// server checks the same roles on every request, so this only hides what would fail.
export const kPageRoles = {
  dashboard: [],
  alerts: ['supervisor', 'department_head', 'department_staff'],
  cases: ['supervisor', 'department_head', 'department_staff', 'platform_admin', 'audit_admin'],
  catalog: ['platform_admin', 'supervisor', 'audit_admin'],
  calendar: ['platform_admin', 'supervisor'],
  rules: ['platform_admin', 'supervisor', 'audit_admin'],
  procurement: ['supervisor', 'platform_admin', 'audit_admin'],
  organisation: [],
  users: ['platform_admin', 'security_admin', 'audit_admin'],
  apiKeys: ['security_admin', 'audit_admin'],
  ledger: ['audit_admin', 'security_admin', 'platform_admin', 'supervisor'],
  account: [],
}

const kStepRoutes = { login: 'login', enrol: 'totp-enrol', verify: 'totp-verify' }

export const routes = [
  { path: '/login', name: 'login', component: () => import('./views/LoginView.vue') },
  {
    path: '/totp/enrol',
    name: 'totp-enrol',
    component: () => import('./views/TotpEnrolView.vue'),
  },
  {
    path: '/totp/verify',
    name: 'totp-verify',
    component: () => import('./views/TotpVerifyView.vue'),
  },
  {
    path: '/',
    component: () => import('./views/ConsoleLayout.vue'),
    children: [
      {
        path: '',
        name: 'dashboard',
        component: () => import('./views/DashboardView.vue'),
        meta: { roles: kPageRoles.dashboard },
      },
      {
        path: 'alerts',
        name: 'alerts',
        component: () => import('./views/AlertsView.vue'),
        meta: { roles: kPageRoles.alerts },
      },
      {
        path: 'alerts/:id(\\d+)',
        name: 'alert',
        component: () => import('./views/AlertView.vue'),
        meta: { roles: kPageRoles.alerts, menu: 'alerts' },
      },
      {
        path: 'cases',
        name: 'cases',
        component: () => import('./views/CasesView.vue'),
        meta: { roles: kPageRoles.cases },
      },
      {
        path: 'cases/:id(\\d+)',
        name: 'case',
        component: () => import('./views/CaseView.vue'),
        meta: { roles: kPageRoles.cases, menu: 'cases' },
      },
      {
        path: 'catalog',
        name: 'catalog',
        component: () => import('./views/CatalogView.vue'),
        meta: { roles: kPageRoles.catalog },
      },
      {
        path: 'catalog/items/:id(\\d+)',
        name: 'catalog-item',
        component: () => import('./views/ItemEditView.vue'),
        meta: { roles: kPageRoles.catalog, menu: 'catalog' },
      },
      {
        path: 'calendar',
        name: 'calendar',
        component: () => import('./views/CalendarView.vue'),
        meta: { roles: kPageRoles.calendar },
      },
      {
        path: 'rules',
        name: 'rules',
        component: () => import('./views/RulesView.vue'),
        meta: { roles: kPageRoles.rules },
      },
      {
        path: 'rules/:code',
        name: 'rule',
        component: () => import('./views/RuleView.vue'),
        meta: { roles: kPageRoles.rules, menu: 'rules' },
      },
      {
        path: 'procurement',
        name: 'procurement',
        component: () => import('./views/TendersView.vue'),
        meta: { roles: kPageRoles.procurement },
      },
      {
        path: 'procurement/tenders/:id(\\d+)',
        name: 'tender',
        component: () => import('./views/TenderView.vue'),
        meta: { roles: kPageRoles.procurement, menu: 'procurement' },
      },
      {
        path: 'organisation',
        name: 'organisation',
        component: () => import('./views/OrganisationView.vue'),
        meta: { roles: kPageRoles.organisation },
      },
      {
        path: 'users',
        name: 'users',
        component: () => import('./views/UsersView.vue'),
        meta: { roles: kPageRoles.users },
      },
      {
        path: 'api-keys',
        name: 'api-keys',
        component: () => import('./views/ApiKeysView.vue'),
        meta: { roles: kPageRoles.apiKeys },
      },
      {
        path: 'ledger',
        name: 'ledger',
        component: () => import('./views/LedgerView.vue'),
        meta: { roles: kPageRoles.ledger },
      },
      {
        path: 'account',
        name: 'account',
        component: () => import('./views/AccountView.vue'),
        meta: { roles: kPageRoles.account },
      },
    ],
  },
  { path: '/:rest(.*)*', redirect: { name: 'dashboard' } },
]

// Sends the user to the step they must pass (login, TOTP enrolment, TOTP code) before any
// console page, and away from pages their roles do not allow.
export function createConsoleRouter(pinia, history = createWebHistory('/console/')) {
  const router = createRouter({ history, routes })
  router.beforeEach(async (to) => {
    const session = useSessionStore(pinia)
    if (!session.loaded) {
      try {
        await session.load()
      } catch {
        session.clear()
      }
    }
    const step = session.nextStep
    const stepRoute = step ? kStepRoutes[step] : ''
    if (stepRoute) {
      if (to.name === stepRoute) return true
      if (step === 'login') {
        const next = to.name && !Object.values(kStepRoutes).includes(to.name) ? to.fullPath : ''
        return { name: 'login', query: next && next !== '/' ? { next } : {} }
      }
      return { name: stepRoute }
    }
    if (Object.values(kStepRoutes).includes(to.name)) return { name: 'dashboard' }
    if (!session.hasAnyRole(to.meta.roles)) return { name: 'dashboard' }
    return true
  })
  return router
}
