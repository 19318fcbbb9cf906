import { createApp } from 'vue'
import { createPinia } from 'pinia'
import 'element-plus/theme-chalk/base.css'
// The pages call ElMessage and ElMessageBox from scripts, where the on-demand import of
// component styles does not reach, so their styles are loaded here.
import 'element-plus/theme-chalk/el-message.css'
import 'element-plus/theme-chalk/el-overlay.css'
import 'element-plus/theme-chalk/el-message-box.css'
import '@/shared/theme.css'
import './console.css'
import { createAppI18n } from '@/shared/i18n.js'
import { onUnauthenticated } from '@/shared/api.js'
import { createConsoleRouter } from './router.js'
import { useSessionStore } from './stores/session.js'
import App from './App.vue'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(createAppI18n())
const router = createConsoleRouter(pinia)
app.use(router)

// Any 401 from the API means the session ended: forget it and go to the login page.
onUnauthenticated(() => {
  useSessionStore(pinia).clear()
  if (router.currentRoute.value.name !== 'login') {
    router.push({ name: 'login', query: { next: router.currentRoute.value.fullPath } })
  }
})

app.mount('#app')
