import { createRouter, createWebHistory } from 'vue-router'
import HomeView from './views/HomeView.vue'

export function createPortalRouter(history = createWebHistory('/')) {
  return createRouter({
    history,
    routes: [
      { path: '/', name: 'home', component: HomeView },
      { path: '/items', name: 'items', component: () => import('./views/ItemsView.vue') },
      { path: '/items/:id(\\d+)', name: 'item', component: () => import('./views/ItemView.vue') },
      { path: '/progress', name: 'progress', component: () => import('./views/ProgressView.vue') },
      {
        path: '/:rest(.*)*',
        name: 'not-found',
        component: () => import('./views/NotFoundView.vue'),
      },
    ],
    // A hash (the skip link's #main) scrolls to its element; other navigations start at the top.
    scrollBehavior: (to) => (to.hash ? { el: to.hash } : { top: 0 }),
  })
}
