import { afterEach } from "vitest";
import { cleanup } from "@testing-library/react";
import { clearMocks } from "@tauri-apps/api/mocks";

afterEach(() => {
  cleanup();
  clearMocks();
});

// jsdom does not lay out, so it has no scrolling; the real webview does.
Element.prototype.scrollIntoView = function scrollIntoView() {};
