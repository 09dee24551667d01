import { Api, ApiError, describe } from './api.js';
import { renderAttentionPage } from './attention-page.js';
import { h, replace, uid } from './dom.js';
import { renderOrderPage } from './order-page.js';
import { renderOrdersPage } from './orders-page.js';
import { renderReportPage, renderReportsPage } from './reports-page.js';
import { actorProblem, clearSession, loadSession, saveSession, Session, verifyAdminKey } from './session.js';
import { Context, Notice, NoticeKind } from './ui.js';

/**
 * The shell: sign-in, navigation (hash routes, so the service needs no fallback route), one live
 * region for page-wide messages, and a safety net so no error ever passes silently.
 */
const main = document.getElementById('main') as HTMLElement;
const nav = document.getElementById('nav') as HTMLElement;
const who = document.getElementById('who') as HTMLElement;
const pageNotice = new Notice();
document.getElementById('messages')!.replaceWith(pageNotice.el);
pageNotice.el.id = 'messages';

let session: Session | null = loadSession();
/** A message for the next view: navigation clears the page-wide messages, this one survives it. */
let flash: { kind: NoticeKind; message: string } | null = null;

const context = (current: Session): Context => ({
  api: new Api(current.key, current.actor, (error) => signOut({ kind: 'error', message: error.message })),
  notify: (kind: NoticeKind, message: string) => pageNotice.show(kind, message),
  navigate: (hash: string) => {
    location.hash = hash;
  },
});

function signOut(flashMessage?: { kind: NoticeKind; message: string }): void {
  clearSession();
  session = null;
  flash = flashMessage ?? null;
  if (location.hash !== '#/sign-in') location.hash = '#/sign-in';
  else route();
}

function renderChrome(): void {
  nav.hidden = !session;
  if (!session) {
    who.replaceChildren();
    return;
  }
  const out = h('button', { type: 'button', class: 'link-button' }, 'Sign out');
  out.addEventListener('click', () =>
    signOut({ kind: 'info', message: 'Signed out. The key was removed from this tab.' }),
  );
  replace(
    who,
    h('span', { class: 'muted' }, session.actor ? `Signed in as ${session.actor}` : 'Signed in with an admin key'),
    ' ',
    out,
  );
  const path = location.hash.split('?')[0];
  for (const link of nav.querySelectorAll('a')) {
    const section = link.getAttribute('href')!;
    if (path.startsWith(section)) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

function renderSignIn(): HTMLElement {
  const keyId = uid('key');
  const actorId = uid('actor');
  const notice = new Notice();
  const key = h('input', {
    id: keyId,
    name: 'key',
    type: 'password',
    required: true,
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': `${keyId}-hint`,
  });
  const actor = h('input', {
    id: actorId,
    name: 'actor',
    type: 'text',
    autocomplete: 'name',
    maxlength: 100,
    'aria-describedby': `${actorId}-hint`,
  });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const form = h(
    'form',
    { class: 'sign-in', novalidate: true, 'aria-labelledby': 'sign-in-heading' },
    h('h2', { id: 'sign-in-heading', tabindex: -1, class: 'view-heading' }, 'Sign in'),
    h(
      'div',
      { class: 'field' },
      h('label', { for: keyId }, 'Admin API key'),
      key,
      h(
        'p',
        { id: `${keyId}-hint`, class: 'hint' },
        'One of ADMIN_API_KEYS. ' +
          'It is kept in this browser tab only (session storage) and forgotten when the tab closes.',
      ),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: actorId }, 'Your name (optional)'),
      actor,
      h('p', { id: `${actorId}-hint`, class: 'hint' }, 'Recorded with your corrections in the audit trail.'),
    ),
    notice.el,
    h('div', { class: 'buttons' }, submit),
  );
  const signIn = async (event: Event): Promise<void> => {
    event.preventDefault();
    const typedKey = key.value.trim();
    const typedActor = actor.value.trim();
    if (!typedKey) {
      notice.show('error', 'Type your admin API key.');
      key.focus();
      return;
    }
    const problem = actorProblem(typedActor);
    if (problem) {
      notice.show('error', problem);
      actor.focus();
      return;
    }
    submit.disabled = true;
    notice.show('info', 'Checking the key…');
    try {
      await verifyAdminKey(typedKey);
      session = { key: typedKey, actor: typedActor || null };
      saveSession(session);
      pageNotice.clear();
      // A bookmarked link (an order, the reports) opens where it pointed once signed in.
      if (location.hash && location.hash !== '#/sign-in') route();
      else location.hash = '#/orders';
    } catch (error) {
      notice.show(
        'error',
        error instanceof ApiError ? describe(error) : error instanceof Error ? error.message : String(error),
      );
      key.select();
      key.focus();
    } finally {
      submit.disabled = false;
    }
  };
  form.addEventListener('submit', (event) => void signIn(event));
  return h('div', { class: 'view narrow' }, form);
}

function route(): void {
  const hash = location.hash || '#/orders';
  const [path, query = ''] = hash.slice(1).split('?');
  pageNotice.clear();
  if (flash) {
    pageNotice.show(flash.kind, flash.message);
    flash = null;
  }
  if (!session) {
    renderChrome();
    replace(main, renderSignIn());
    document.title = 'Sign in · seQura back office';
    focusHeading();
    return;
  }
  if (path === '/sign-in') {
    location.hash = '#/orders';
    return;
  }
  const ctx = context(session);
  const parts = path.split('/').filter(Boolean);
  let view: HTMLElement;
  let title: string;
  if (parts[0] === 'orders' && parts.length === 2) {
    const ref = safeDecode(parts[1]);
    view = renderOrderPage(ctx, ref);
    title = `Order ${ref}`;
  } else if (parts[0] === 'reports' && parts.length === 2) {
    view = renderReportPage(ctx, safeDecode(parts[1]));
    title = 'Shipping report run';
  } else if (parts[0] === 'attention') {
    view = renderAttentionPage(ctx);
    title = 'Needs attention';
  } else if (parts[0] === 'reports') {
    view = renderReportsPage(ctx);
    title = 'Shipping reports';
  } else if (parts[0] === 'orders' || parts.length === 0) {
    view = renderOrdersPage(ctx, new URLSearchParams(query));
    title = 'Orders';
  } else {
    view = h(
      'div',
      { class: 'view' },
      h('h2', { tabindex: -1, class: 'view-heading' }, 'Page not found'),
      h('p', {}, h('a', { href: '#/orders' }, 'Go to the orders')),
    );
    title = 'Not found';
  }
  document.title = `${title} · seQura back office`;
  renderChrome();
  replace(main, view);
  focusHeading();
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** After a navigation, keyboard and screen-reader users start at the new view's heading. */
function focusHeading(): void {
  main.querySelector<HTMLElement>('.view-heading')?.focus({ preventScroll: false });
}

// Nothing fails silently: an error no view caught still reaches the user.
window.addEventListener('unhandledrejection', (event) => pageNotice.show('error', describe(event.reason)));
window.addEventListener('error', (event) => pageNotice.show('error', describe(event.error ?? event.message)));
window.addEventListener('hashchange', route);
route();
