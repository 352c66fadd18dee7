// The part of bpmn-moddle's API these tests use (the package ships no type declarations).
declare module "bpmn-moddle" {
  interface ModdleElement {
    $type: string;
    id?: string;
    [key: string]: unknown;
  }
  interface ParseResult {
    rootElement: ModdleElement;
    elementsById: Record<string, ModdleElement>;
    references: unknown[];
    warnings: { message: string }[];
  }
  export class BpmnModdle {
    fromXML(xml: string): Promise<ParseResult>;
  }
}

// The part of bpmnlint's API the lint tests and the bench use.
declare module "bpmnlint" {
  type Report = { id?: string; message: string; category: "error" | "warn" | "info" | "rule-error" };
  export class Linter {
    constructor(options: { config: unknown; resolver: unknown });
    lint(root: unknown): Promise<Record<string, Report[]>>;
  }
}
declare module "bpmnlint/lib/resolver/node-resolver" {
  export default class NodeResolver {}
}

// bpmn-js-differ's one function (the package ships no type declarations).
declare module "bpmn-js-differ" {
  type Entry = { $type?: string; id?: string; model?: unknown; attrs?: Record<string, { oldValue: unknown; newValue: unknown }> };
  export function diff(
    oldDefinitions: unknown,
    newDefinitions: unknown,
  ): { _added: Record<string, Entry>; _removed: Record<string, Entry>; _changed: Record<string, Entry>; _layoutChanged: Record<string, Entry> };
}
