import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Interchange tests: files Michi exports, read by other tools' parsers. They run the `michi` CLI,
// so they need `cargo build --bin michi` first (scripts/test.sh does it).
export default defineConfig({
  test: {
    root: fileURLToPath(new URL(".", import.meta.url)),
    environment: "node",
    include: ["*.test.ts"],
    testTimeout: 60_000,
  },
});
