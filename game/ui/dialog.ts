// In-game DOM dialogs (confirm, or ask for a line of text): Cancel and Escape really cancel; no window.prompt.
import "./dialog.css";
import { el, overlay } from "./dom.ts";

export interface DialogOptions {
  title: string;
  text?: string;
  /** Ask for a line of text; `check` returns an error to show, or null when the value is fine. */
  input?: { label: string; value?: string; maxLength: number; placeholder?: string; check?: (value: string) => string | null };
  confirmLabel: string;
  /** A destructive action (kick): the confirm button is red. */
  danger?: boolean;
}

/** Resolves with the typed text ("" without an input) on confirm, or null on Cancel, Escape or a click outside. */
export function openDialog(options: DialogOptions): Promise<string | null> {
  return new Promise((resolve) => {
    const input = options.input
      ? el("input", { id: "dialog-input", maxlength: String(options.input.maxLength), value: options.input.value ?? "", placeholder: options.input.placeholder ?? "", autocomplete: "off" })
      : null;
    const error = el("p", { class: "dialog-error", id: "dialog-error", role: "alert" });
    const confirm = el("button", { class: options.danger ? "red" : "primary", id: "dialog-confirm", type: "submit", text: options.confirmLabel });
    const cancel = el("button", { id: "dialog-cancel", type: "button", text: "Cancel" });
    const form = el("form", { class: "dialog", id: "dialog", role: "dialog", "aria-modal": "true", "aria-labelledby": "dialog-title" },
      el("h2", { id: "dialog-title", text: options.title }),
      options.text ? el("p", { class: "dialog-text", text: options.text }) : null,
      input && options.input ? el("label", {}, options.input.label, input) : null,
      error,
      el("div", { class: "dialog-buttons" }, cancel, confirm),
    );
    const backdrop = el("div", { class: "dialog-backdrop", id: "dialog-backdrop" }, form);
    const finish = (value: string | null) => {
      backdrop.remove();
      resolve(value);
    };
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const value = input ? input.value : "";
      const problem = options.input?.check?.(value) ?? null;
      if (problem) {
        error.textContent = problem;
        input?.focus();
        return;
      }
      finish(value);
    });
    cancel.addEventListener("click", () => finish(null));
    backdrop.addEventListener("click", (event) => { if (event.target === backdrop) finish(null); });
    // Keys typed in the dialog never steer the player or open the chat.
    backdrop.addEventListener("keydown", (event) => {
      event.stopPropagation();
      if (event.key === "Escape") finish(null);
    });
    backdrop.addEventListener("keyup", (event) => event.stopPropagation());
    overlay().append(backdrop);
    (input ?? confirm).focus();
  });
}
