// The page's only way to make elements: every value becomes a text node (textContent), never
// markup. The page runs under Trusted Types ('none'), so an HTML string sink would throw anyway.

/**
 * el('p', { class: 'x' }, 'text', child, …): attributes are set one by one with setAttribute, and
 * only for names the page itself writes; children that are not nodes are turned into text.
 */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) throw new Error(`el: no inline handlers (${name})`);
    node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** The control token lives in sessionStorage: for this tab only. */
const TOKEN_KEY = 'coincover-mock.control-token';

export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY) ?? '',
  set: (value) => sessionStorage.setItem(TOKEN_KEY, value),
  forget: () => sessionStorage.removeItem(TOKEN_KEY),
};

export class ControlError extends Error {
  constructor(status, title, detail) {
    super(`${status} ${title}${detail ? `: ${detail}` : ''}`);
    this.status = status;
  }
}

/** A control-plane call from the page, with the tab's control token when it has one. */
export async function control(path, init = {}) {
  const headers = new Headers(init.headers);
  const value = token.get();
  if (value) headers.set('x-mock-control-token', value);
  const answer = await fetch(`/_mock${path}`, {
    ...init,
    headers,
    cache: 'no-store',
    credentials: 'omit',
  });
  if (!answer.ok) {
    let problem = {};
    try {
      problem = await answer.json();
    } catch {
      // not a problem document
    }
    throw new ControlError(answer.status, problem.title ?? answer.statusText, problem.detail);
  }
  return answer;
}

export const json = async (path, init) => (await control(path, init)).json();

/** Short forms for the table: the first 8 characters of an id, a time of day with milliseconds. */
export const shortId = (id) => (id ? id.slice(0, 8) : '');
// One formatter for every row: toLocaleTimeString would build a new one each call (slow at 1,000 rows).
const TIME = new Intl.DateTimeFormat([], {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  fractionalSecondDigits: 3,
  hour12: false,
});
export function timeOf(iso) {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? String(iso) : TIME.format(at);
}
export const statusClass = (status) => (status === 0 ? 's0' : `s${String(status)[0]}`);
