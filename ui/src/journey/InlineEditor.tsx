import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

interface Props {
  initial: string;
  /** Called with the text when the user confirms; not called when the text is unchanged and `commitUnchanged` is false. */
  onCommit: (text: string) => void;
  onCancel: () => void;
  commitUnchanged?: boolean;
  className?: string;
  label: string;
}

/**
 * A text editor inside a card or header. Enter confirms, Shift+Enter adds a line, Escape cancels,
 * leaving the field confirms. Enter while an input method is composing (Japanese kana-kanji
 * conversion) belongs to the input method and does not confirm.
 */
export function InlineEditor({ initial, onCommit, onCancel, commitUnchanged = false, className, label }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState(initial);
  const done = useRef(false);
  const ref = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);

  const finish = (commit: boolean) => {
    if (done.current) return;
    done.current = true;
    const value = text.trim();
    if (commit && (commitUnchanged || value !== initial.trim()) && (value !== "" || initial !== "")) onCommit(value);
    else onCancel();
  };

  return (
    <textarea
      ref={ref}
      className={`inline-editor ${className ?? ""}`}
      aria-label={label}
      title={t("map.editHint")}
      value={text}
      rows={Math.min(6, Math.max(2, text.split("\n").length))}
      onChange={(e) => setText(e.target.value)}
      onBlur={() => finish(true)}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.nativeEvent.isComposing || e.keyCode === 229) return;
        if (e.key === "Enter" && !e.shiftKey) {
          e.preventDefault();
          finish(true);
        } else if (e.key === "Escape") {
          e.preventDefault();
          finish(false);
        }
      }}
    />
  );
}
