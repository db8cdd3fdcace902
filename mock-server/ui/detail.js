// The detail of one journal entry: the request, each finding with the catalogue's effect, cause
// and fix (one language at a time, remembered), the key and backup it touched, and a curl line
// that replays the request's shape with placeholders.
import { el, json, shortId, statusClass } from './dom.js';
import { curlFor } from './replay.js';

const LANGUAGE_KEY = 'coincover-mock.fix-language';
const LANGUAGES_FALLBACK = ['node', 'node-forge', 'java', 'python', 'go', 'dotnet'];

export const fixLanguage = {
  get: () => localStorage.getItem(LANGUAGE_KEY) ?? 'node',
  set: (value) => localStorage.setItem(LANGUAGE_KEY, value),
};

function field(term, ...value) {
  return [el('dt', {}, term), el('dd', {}, ...value)];
}

function detailValue(value) {
  if (Array.isArray(value))
    return value.every((v) => typeof v !== 'object' || v === null)
      ? value.join(', ')
      : JSON.stringify(value, null, 2);
  if (value !== null && typeof value === 'object') return JSON.stringify(value, null, 2);
  return String(value);
}

function languageSwitch(languages, names, onPick) {
  const chosen = fixLanguage.get();
  const group = el('div', { class: 'languages', role: 'group', 'aria-label': 'Fix language' });
  for (const code of languages) {
    const button = el(
      'button',
      { type: 'button', 'data-language': code, 'aria-pressed': String(code === chosen) },
      names[code] ?? code,
    );
    button.addEventListener('click', () => onPick(code));
    group.append(button);
  }
  return group;
}

function findingView(finding, catalogue, rerender) {
  const entry = catalogue?.faults?.[finding.code];
  const names = catalogue?.languages ?? {};
  const languages =
    Object.keys(finding.fix ?? {}).length > 0 ? Object.keys(finding.fix) : LANGUAGES_FALLBACK;
  const language = languages.includes(fixLanguage.get()) ? fixLanguage.get() : languages[0];
  const details = Object.entries(finding.details ?? {});
  return el(
    'article',
    { class: `finding sev-${finding.severity}`, 'data-code': finding.code },
    el(
      'h3',
      {},
      el('span', { class: `chip sev-${finding.severity}` }, finding.code),
      ' ',
      entry?.title ?? '',
    ),
    el('p', { class: 'message' }, finding.message),
    details.length > 0
      ? el(
          'dl',
          { class: 'details' },
          details.map(([name, value]) => field(name, el('code', {}, detailValue(value)))),
        )
      : null,
    entry
      ? el('dl', { class: 'catalogue' }, field('Effect', entry.effect), field('Cause', entry.cause))
      : null,
    el(
      'div',
      { class: 'fix' },
      el(
        'div',
        { class: 'fix-head' },
        el('strong', {}, 'Fix'),
        languageSwitch(languages, names, (code) => (fixLanguage.set(code), rerender())),
      ),
      el(
        'pre',
        { class: 'fix-text', 'data-language': language },
        finding.fix?.[language] ?? entry?.fix?.[language] ?? '',
      ),
    ),
    entry?.references?.length
      ? el('p', { class: 'references' }, 'References: ', entry.references.join(' · '))
      : null,
  );
}

function storedView(kind, id, target) {
  const button = el('button', { type: 'button', class: 'link' }, `View ${kind} ${shortId(id)}`);
  button.addEventListener('click', async () => {
    target.replaceChildren(el('p', { class: 'muted' }, 'loading…'));
    try {
      const view = await json(`/${kind === 'key' ? 'keys' : 'backups'}/${encodeURIComponent(id)}`);
      const rows = Object.entries(view).map(([name, value]) =>
        field(
          name,
          name === 'backups' && Array.isArray(value)
            ? `${value.length}: ${value.map((b) => b.backup_id).join(', ')}`
            : el('code', {}, value === null ? '—' : detailValue(value)),
        ),
      );
      target.replaceChildren(
        el('h3', {}, kind === 'key' ? 'Key' : 'Backup'),
        el('dl', { class: 'stored' }, rows),
      );
    } catch (error) {
      target.replaceChildren(
        el('p', { class: 'muted' }, `The ${kind} could not be shown: ${error.message}`),
      );
    }
  });
  return button;
}

/** Fills `container` with the detail of `entry`. */
export function renderDetail(container, entry, { catalogue, openapi, onClose }) {
  const rerender = () => {
    const scroll = container.scrollTop;
    renderDetail(container, entry, { catalogue, openapi, onClose });
    container.scrollTop = scroll;
  };
  const close = el(
    'button',
    { type: 'button', class: 'close', 'aria-label': 'Close the detail (Esc)' },
    '×',
  );
  close.addEventListener('click', onClose);
  const stored = el('div', { class: 'stored-view' });
  const curl = curlFor(entry, openapi, location.origin);
  const copy = el('button', { type: 'button' }, 'Copy');
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(curl);
      copy.textContent = 'Copied';
    } catch {
      getSelection()?.selectAllChildren(container.querySelector('.curl pre'));
      copy.textContent = 'Selected: press Ctrl+C';
    }
  });
  const principal = entry.principal
    ? `${entry.principal.type === 'api_key' ? 'API key' : 'JWT subject'} ${entry.principal.id}`
    : 'none';
  const request = entry.request ?? {};
  container.replaceChildren(
    el(
      'header',
      { class: 'detail-head' },
      el(
        'h2',
        {},
        el('span', { class: 'method' }, entry.method),
        ' ',
        el('span', { class: 'path' }, entry.path),
        ' ',
        el('span', { class: `status ${statusClass(entry.status)}` }, String(entry.status)),
      ),
      close,
    ),
    el(
      'dl',
      { class: 'summary' },
      field('Request id', el('code', {}, entry.id)),
      field('Answered', `${entry.at} in ${entry.duration_ms} ms`),
      field('Principal', principal),
      field(
        'Sent',
        `${request.content_type ?? 'no content type'}, ${request.content_length ?? 'no'} bytes`,
      ),
      field(
        'Key',
        entry.key_id
          ? [el('code', {}, entry.key_id), ' ', storedView('key', entry.key_id, stored)]
          : '—',
      ),
      field(
        'Backup',
        entry.backup_id
          ? [el('code', {}, entry.backup_id), ' ', storedView('backup', entry.backup_id, stored)]
          : '—',
      ),
    ),
    stored,
    el(
      'h3',
      { class: 'section' },
      entry.faults.length === 0
        ? 'No findings: nothing wrong was seen.'
        : `${entry.faults.length} finding${entry.faults.length === 1 ? '' : 's'}`,
    ),
    ...entry.faults.map((finding) => findingView(finding, catalogue, rerender)),
    el(
      'section',
      { class: 'curl' },
      el('div', { class: 'fix-head' }, el('strong', {}, 'Replay its shape with curl'), copy),
      el('pre', {}, curl),
    ),
  );
}
