import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  // Tauri expects a fixed port in dev and loads the built files from ui/dist.
  server: { port: 1420, strictPort: true },
  clearScreen: false,
  build: { outDir: "dist", emptyOutDir: true, target: "safari16", sourcemap: false },
  test: {
    root,
    environment: "jsdom",
    include: ["test/**/*.test.{ts,tsx}"],
    setupFiles: ["test/setup.ts"],
  },
});
