import { Component, type ReactNode } from "react";

import { i18next } from "../i18n";

/** Shows what went wrong instead of a blank window if rendering fails; edits already made are saved. */
export class CrashBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="crash" role="alert" data-testid="crash">
        <h1>{i18next.t("crash.title")}</h1>
        <p>{i18next.t("crash.lead")}</p>
        <pre>{`${error.message}\n${error.stack ?? ""}`}</pre>
        <button onClick={() => this.setState({ error: null })}>{i18next.t("crash.retry")}</button>
      </div>
    );
  }
}
