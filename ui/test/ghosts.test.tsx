import { render, screen } from "@testing-library/react";
import { beforeAll, describe, expect, it } from "vitest";

import { Session } from "../src/app/session";
import { initI18n } from "../src/i18n";
import { JourneyMapView } from "../src/journey/JourneyMapView";
import { fixtureMap } from "./fixtures";

beforeAll(async () => {
  await initI18n("ja");
});

describe("the journey map compared with another version", () => {
  it("draws a stage this version removed as a ghost column with its cards, and a removed card as a ghost where it was", () => {
    const other = fixtureMap();
    const map = fixtureMap();
    // This version removed 活用 (with its cards) and the second action of オンボーディング.
    map.stages = map.stages.filter((s) => s.stage.id !== "stage-b");
    const first = map.stages[0]!.cells.find((c) => c.lane === "customerAction")!;
    first.cards = first.cards.filter((c) => c.element.id !== "act-2");
    const removed = new Set(["stage-b", "act-3", "emo-2", "emo-3", "act-2"]);
    render(
      <JourneyMapView
        session={new Session()}
        map={map}
        selection={null}
        editing={null}
        overlay={null}
        structureOnly={false}
        diagnosis={null}
        focus={null}
        marks={{ of: new Map([["act-1", "changed"]]), removed }}
        other={other}
        sideBySide={false}
      />,
    );
    const ghostStages = screen.getAllByTestId("ghost-stage");
    expect(ghostStages.map((g) => g.textContent)).toEqual(["活用"]);
    // act-2 where it was (a card of a kept stage), act-3 in the ghost column; emotions are drawn on the curve.
    expect(screen.getAllByTestId("ghost-card").map((g) => g.textContent).sort()).toEqual(["<b>x</b>", "毎日記録する"]);
    const changed = document.querySelector('[data-card="act-1"]');
    expect(changed?.getAttribute("data-mark")).toBe("changed");
  });
});
