import { createApp } from 'vue'
import 'element-plus/theme-chalk/base.css'
import '@/shared/theme.css'
import './portal.css'
import { createAppI18n } from '@/shared/i18n.js'
import { createPortalRouter } from './router.js'
import App from './App.vue'

createApp(App).use(createAppI18n()).use(createPortalRouter()).mount('#app')
