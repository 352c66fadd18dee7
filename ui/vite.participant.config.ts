// The participant's page of a workshop: what a browser on the LAN loads from the host
// (crates/michi-workshop embeds ui/dist-participant). One bundle, fixed names, no Tauri.
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL("./participant", import.meta.url));

export default defineConfig({
  root,
  base: "/",
  plugins: [react()],
  clearScreen: false,
  build: {
    outDir: fileURLToPath(new URL("./dist-participant", import.meta.url)),
    emptyOutDir: true,
    target: "es2020",
    sourcemap: false,
    rollupOptions: {
      output: { entryFileNames: "assets/participant.js", chunkFileNames: "assets/[name].js", assetFileNames: "assets/[name][extname]" },
    },
  },
});
