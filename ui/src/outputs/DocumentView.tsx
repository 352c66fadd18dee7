// A derived document as Rust writes it (michi_core::derive::document), drawn as it is: the title,
// sections and blocks of text in the UI's language, each traced line with a link to its element.
// Nothing is composed here; the same document is what HTML, Markdown and PDF render. A screen may
// add controls to a section, or show an editor in its place (the document's text is then printed).

import { Fragment, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

import type { Block, Document, ElementId, Line, Row, Section, Span, Text, TreeNode, ViewId } from "../bindings";
import { TraceButton } from "./TraceButton";

export interface DocumentHooks {
  /** Controls after a section's heading (not printed). */
  controls?: (section: Section) => ReactNode;
  /** An editor shown on screen instead of a section's blocks (the blocks are printed). */
  editor?: (section: Section) => ReactNode | null;
}

interface Props extends DocumentHooks {
  doc: Document;
  testId: string;
  /** Goes to an element a line comes from, in the views showing it. */
  trace: (id: ElementId, views: ViewId[]) => void;
}

function useText() {
  const { i18n } = useTranslation();
  return (t: Text) => (i18n.language === "en" ? t.en : t.ja);
}

function SpanView({ span }: { span: Span }) {
  const { t } = useTranslation();
  const text = useText()(span.text);
  const testId = span.role ?? undefined;
  switch (span.kind) {
    case "plain":
      return testId ? <span data-testid={testId}>{text}</span> : <>{text}</>;
    case "muted":
      return <span className="muted" data-testid={testId}>{text}</span>;
    case "missing":
      return <span className="placeholder" data-testid={testId}>{text}</span>;
    case "chip":
      return <span className="chip" data-testid={testId}>{text}</span>;
    case "suggested":
      return (
        <span className="chip suggestion" title={t("outputs.suggestedHint")} data-testid={testId}>
          {text}
        </span>
      );
    case "segment":
      return <span className="chip segment" data-testid={testId}>{text}</span>;
  }
}

function LineView({ line, trace, views }: { line: Line; trace: Props["trace"]; views: Document["views"] }) {
  // A link to the first element the line comes from, when a diagram shows it.
  const first = line.trace.find((id) => (views[id] ?? []).length > 0);
  return (
    <>
      {line.spans.map((s, i) => (
        <SpanView key={i} span={s} />
      ))}
      {first && <TraceButton element={first} onClick={() => trace(first, views[first] ?? [])} />}
    </>
  );
}

function RowView({ row, trace, views }: { row: Row; trace: Props["trace"]; views: Document["views"] }) {
  // The row's sources, unless a cell names its own.
  const own = row.cells.some((c) => c.trace.length > 0);
  return (
    <tr data-testid={row.role ?? undefined}>
      {row.cells.map((cell, i) => (
        <td key={i}>
          <LineView line={i === 0 && !own ? { ...cell, trace: row.trace } : cell} trace={trace} views={views} />
        </td>
      ))}
    </tr>
  );
}

function TreeView({ node, trace, views }: { node: TreeNode; trace: Props["trace"]; views: Document["views"] }) {
  return (
    <li className="kpi">
      <LineView line={node.line} trace={trace} views={views} />
      {node.children.length > 0 && (
        <ul>
          {node.children.map((c, i) => (
            <TreeView key={i} node={c} trace={trace} views={views} />
          ))}
        </ul>
      )}
    </li>
  );
}

function BlockView({ block, trace, views }: { block: Block; trace: Props["trace"]; views: Document["views"] }) {
  const pick = useText();
  switch (block.type) {
    case "paragraph": {
      const className = block.style === "normal" ? undefined : block.style === "muted" ? "muted" : "strong";
      return (
        <p className={className} data-testid={block.line.role ?? undefined}>
          <LineView line={block.line} trace={trace} views={views} />
        </p>
      );
    }
    case "facts":
      return (
        <dl className="doc-facts">
          {block.facts.map((f, i) => (
            <Fragment key={i}>
              <dt>{pick(f.label)}</dt>
              <dd>
                <LineView line={f.value} trace={trace} views={views} />
              </dd>
            </Fragment>
          ))}
        </dl>
      );
    case "list": {
      const items = block.items.map((item, i) => (
        <li key={i} data-testid={item.role ?? undefined} className={item.spans.some((s) => s.kind === "suggested") ? "suggested" : undefined}>
          <LineView line={item} trace={trace} views={views} />
        </li>
      ));
      return block.ordered ? <ol>{items}</ol> : <ul>{items}</ul>;
    }
    case "table":
      return (
        <table className="doc-table">
          <thead>
            <tr>
              {block.columns.map((c, i) => (
                <th key={i}>{pick(c)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {block.rows.map((row, i) => (
              <RowView key={i} row={row} trace={trace} views={views} />
            ))}
          </tbody>
        </table>
      );
    case "tree":
      return (
        <ul className="doc-tree">
          <TreeView node={block.root} trace={trace} views={views} />
        </ul>
      );
  }
}

function SectionView({ section, depth, props }: { section: Section; depth: number; props: Props }) {
  const { trace, doc } = props;
  const Heading = `h${Math.min(depth, 6)}` as "h2";
  const editor = props.editor?.(section) ?? null;
  const blocks = section.blocks.map((b, i) => <BlockView key={i} block={b} trace={trace} views={doc.views} />);
  return (
    <section className={`doc-section doc-${section.role ?? "plain"}`} data-testid={section.role ?? undefined} data-function={section.function ?? undefined}>
      <Heading>
        <LineView line={section.heading} trace={trace} views={doc.views} />
        {props.controls?.(section)}
      </Heading>
      {editor ? (
        <>
          <div className="no-print">{editor}</div>
          <div className="print-only">{blocks}</div>
        </>
      ) : (
        blocks
      )}
      {section.sections.map((s, i) => (
        <SectionView key={i} section={s} depth={depth + 1} props={props} />
      ))}
      {section.closing.map((b, i) => (
        <BlockView key={i} block={b} trace={trace} views={doc.views} />
      ))}
    </section>
  );
}

export function DocumentView(props: Props) {
  const { doc, testId, trace } = props;
  return (
    <article className="document" data-testid={testId}>
      <h1>
        <LineView line={doc.title} trace={trace} views={doc.views} />
      </h1>
      {doc.intro.map((b, i) => (
        <BlockView key={i} block={b} trace={trace} views={doc.views} />
      ))}
      {doc.sections.map((s, i) => (
        <SectionView key={i} section={s} depth={2} props={props} />
      ))}
    </article>
  );
}
