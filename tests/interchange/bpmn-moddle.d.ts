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
