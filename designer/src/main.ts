import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { i18n } from './modules/i18n.ts';
import { createAppRouter } from './modules/router.ts';
import { setUnauthorizedHandler } from './api/http-client.ts';
import { useAuthStore } from './stores/auth-store.ts';
import './styles/base.css';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);
app.use(i18n);
const router = createAppRouter();
app.use(router);
setUnauthorizedHandler(() => {
  useAuthStore(pinia).forget();
  void router.push({ name: 'login', query: { redirect: router.currentRoute.value.fullPath } });
});
document.documentElement.lang = i18n.global.locale.value;
app.mount('#app');
