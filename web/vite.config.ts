import { defineConfig } from 'vite';

// `npm run dev -w @fitness/web`: the dev server proxies the API and Socket.IO to a gateway
// (GATEWAY_URL, default the first replica of `make up`), so the page keeps calling its own origin.
const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000';
const apiPaths = ['/users', '/workouts', '/leaderboards', '/group-sessions', '/docs', '/healthz'];

export default defineConfig({
  // Served by the gateway at `/`: plain files, no inline script (the gateway's CSP forbids them).
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: false },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      ...Object.fromEntries(apiPaths.map((p) => [p, { target: gateway, changeOrigin: true }])),
      '/socket.io': { target: gateway, ws: true, changeOrigin: true },
    },
  },
});
