import { createRouter, createWebHistory, type Router } from 'vue-router';
import { useAuthStore } from '../stores/auth-store.ts';
import LoginView from '../views/login-view.vue';
import LibraryView from '../views/library-view.vue';
import AppLayout from '../components/app-layout.vue';

/** Routes of the designer; the modeler and the compare page are lazy chunks. */
export function createAppRouter(): Router {
  const router = createRouter({
    history: createWebHistory(),
    routes: [
      { path: '/login', name: 'login', component: LoginView, meta: { public: true } },
      {
        path: '/',
        component: AppLayout,
        children: [
          { path: '', redirect: '/processes' },
          { path: 'processes', name: 'library', component: LibraryView },
          { path: 'modeler/draft/:draftId', name: 'modeler-draft', component: () => import('../views/modeler-view.vue') },
          {
            path: 'modeler/process/:processId/:version',
            name: 'modeler-version',
            component: () => import('../views/modeler-view.vue'),
          },
          { path: 'compare/:processId', name: 'compare', component: () => import('../views/compare-view.vue') },
        ],
      },
      { path: '/:pathMatch(.*)*', redirect: '/processes' },
    ],
  });
  router.beforeEach((to) => {
    const auth = useAuthStore();
    if (!to.meta.public && !auth.isLoggedIn) return { name: 'login', query: { redirect: to.fullPath } };
    return true;
  });
  return router;
}
