import { createRouter, createWebHistory } from 'vue-router'
import HomeView from './views/HomeView.vue'

export function createPortalRouter(history = createWebHistory('/')) {
  return createRouter({
    history,
    routes: [
      { path: '/', name: 'home', component: HomeView },
      { path: '/items', name: 'items', component: () => import('./views/ItemsView.vue') },
      {
        path: '/:rest(.*)*',
        name: 'not-found',
        component: () => import('./views/NotFoundView.vue'),
      },
    ],
    scrollBehavior: () => ({ top: 0 }),
  })
}
