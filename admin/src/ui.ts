import type { Api } from './api.js';
import { describe } from './api.js';
import { Child, h, replace, uid } from './dom.js';

/** What every view gets from the shell. */
export interface Context {
  api: Api;
  /** A message in the page-wide live region (kept until the next navigation). */
  notify(kind: NoticeKind, message: string): void;
  navigate(hash: string): void;
}

export type NoticeKind = 'info' | 'success' | 'error';

/**
 * A live region for messages. It exists (empty) before anything is said, so screen readers announce
 * what appears in it; errors go in as role="alert" so they are announced at once.
 */
export class Notice {
  readonly el: HTMLDivElement;

  constructor(className = 'notice-area') {
    this.el = h('div', { class: className, 'aria-live': 'polite', 'aria-atomic': 'true' });
  }

  show(kind: NoticeKind, message: Child | Child[]): void {
    replace(
      this.el,
      h('div', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, message),
    );
  }

  /** Scrolls the message into view: after pressing a button at the bottom of a long form, it may be above the fold. */
  reveal(): void {
    this.el.scrollIntoView({ block: 'nearest' });
  }

  error(error: unknown, prefix?: string): void {
    this.show('error', prefix ? `${prefix} ${describe(error)}` : describe(error));
  }

  clear(): void {
    this.el.replaceChildren();
  }
}

/**
 * A titled section that loads its own data: "Loading…", then the content or the error in plain
 * words, so one failing call (say, webhook events) never blanks the whole order page.
 */
export function loadingSection(
  title: string,
  load: () => Promise<Child | Child[]>,
  options: { id?: string; actions?: Child[] } = {},
): { el: HTMLElement; reload: () => Promise<void> } {
  const headingId = uid('h');
  const body = h('div', { class: 'section-body', 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading…'));
  const el = h(
    'section',
    { class: 'panel', id: options.id ?? null, 'aria-labelledby': headingId },
    h('div', { class: 'panel-head' }, h('h3', { id: headingId }, title), options.actions ?? []),
    body,
  );
  const reload = async () => {
    body.setAttribute('aria-busy', 'true');
    try {
      replace(body, await load());
    } catch (error) {
      replace(
        body,
        h(
          'p',
          { class: 'notice notice-error', role: 'alert' },
          `Could not load ${title.toLowerCase()}. ${describe(error)}`,
        ),
      );
    } finally {
      body.setAttribute('aria-busy', 'false');
    }
  };
  void reload();
  return { el, reload };
}

/** A view's heading, focusable so keyboard and screen-reader users land on it after navigation. */
export function viewHeading(text: Child | Child[]): HTMLHeadingElement {
  return h('h2', { tabindex: -1, class: 'view-heading' }, text);
}

/** A button that shows it is working and cannot be pressed twice while its action runs. */
export function actionButton(
  label: string,
  action: () => Promise<void>,
  attrs: Record<string, string> = {},
): HTMLButtonElement {
  const button: HTMLButtonElement = h('button', { type: 'button', ...attrs }, label);
  const runAction = async (): Promise<void> => {
    if (button.disabled) return;
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    try {
      await action();
    } finally {
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
  };
  button.addEventListener('click', () => void runAction());
  return button;
}
