import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// `npm run dev` serves the app with hot reload and sends every server path to a running server
// (GITOPSHQ_URL, default the run script's http://127.0.0.1:5080).
const server = process.env.GITOPSHQ_URL ?? "http://127.0.0.1:5080";
const proxied = ["/gitopshq.", "/api", "/v2", "/git", "/helm", "/healthz"];

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 5000,
  },
  server: {
    port: 5173,
    proxy: Object.fromEntries(proxied.map((path) => [path, { target: server, changeOrigin: false }])),
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
