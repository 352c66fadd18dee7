import { describe, expect, it } from "vitest";

import { suggestedName } from "../src/app/dialogs";

describe("the name a save dialog suggests", () => {
  it("is one file name, whatever the workspace or model is called", () => {
    expect(suggestedName("導入ジャーニー.michi")).toBe("導入ジャーニー.michi");
    expect(suggestedName("../../../home/me/.bashrc.bpmn")).toBe("_._.._.._home_me_.bashrc.bpmn");
    expect(suggestedName("/etc/passwd.png")).toBe("_etc_passwd.png");
    expect(suggestedName("..\\..\\Windows\\win.ini-diagnosis.json")).toBe("_._.._Windows_win.ini-diagnosis.json");
    expect(suggestedName(".hidden.michi")).toBe("_hidden.michi");
    expect(suggestedName("a\u0000b\nc:d*e?f\"g<h>i|j.csv")).toBe("a_b_c_d_e_f_g_h_i_j.csv");
  });

  it("keeps its extension, is cut to 80 characters before it, and is never empty", () => {
    const long = suggestedName(`${"長".repeat(300)}.bpmn`);
    expect(long).toBe(`${"長".repeat(80)}.bpmn`);
    expect(suggestedName(".bpmn")).toBe("_bpmn");
    expect(suggestedName("   .michi")).toBe("michi.michi");
  });
});
