// The journal page: the live list, its filters, the counts, the armed switches and the buttons.
// Status, fault, path and key id filter on the server (GET /_mock/requests/stream takes the same
// query as the listing); the text search filters the rows already shown. Timings are left as
// performance measures for whoever measures: 'journal:load' and 'journal:filter' (from opening the
// stream to the rows shown), 'journal:render' (building the rows) and 'journal:search'.
import { ControlError, control, el, json, shortId, statusClass, timeOf, token } from './dom.js';
import { renderDetail } from './detail.js';

const MAX_ROWS = 2000;
const BACKLOG = 1000;
const $ = (id) => document.getElementById(id);

const ui = {
  rows: $('rows'),
  empty: $('empty'),
  shown: $('shown'),
  detail: $('detail'),
  connection: $('connection'),
  counts: $('counts'),
  armed: $('armed'),
  tokenForm: $('token-form'),
  status: $('filter-status'),
  fault: $('filter-fault'),
  path: $('filter-path'),
  key: $('filter-key'),
  text: $('filter-text'),
};

/** id → { entry, row, haystack }, in the order the rows are shown (newest first). */
const shown = new Map();
let selected;
let catalogue;
let openapi;

function setConnection(state, text) {
  ui.connection.dataset.state = state;
  ui.connection.textContent = text;
}

function needToken(message) {
  setConnection('token', message);
  ui.tokenForm.hidden = false;
  $('token-input').focus();
}

// ---- rows -------------------------------------------------------------------------------------

/** One row built once; each entry's row is a clone of it with its texts filled in (faster than building 9 elements). */
const ROW = el(
  'div',
  { class: 'row', role: 'row', tabindex: '0' },
  ['time', 'method', 'path', 'status', 'principal c-principal', 'id', 'id c-backup', 'faults'].map(
    (name) => el('span', { role: 'cell', class: name }),
  ),
);
ROW.children[3].append(el('span', { class: 'status' }));

function rowFor(entry) {
  const row = ROW.cloneNode(true);
  const [time, method, path, status, principal, key, backup, faults] = row.children;
  row.dataset.id = entry.id;
  row.setAttribute('aria-label', `${entry.method} ${entry.path} ${entry.status}`);
  time.textContent = timeOf(entry.at);
  method.textContent = entry.method;
  path.textContent = entry.path;
  status.firstChild.textContent = String(entry.status);
  status.firstChild.className = `status ${statusClass(entry.status)}`;
  principal.textContent = entry.principal ? entry.principal.id : '—';
  key.textContent = shortId(entry.key_id) || '—';
  backup.textContent = shortId(entry.backup_id) || '—';
  for (const f of entry.faults)
    faults.append(el('span', { class: `chip sev-${f.severity}`, title: f.message }, f.code));
  if (entry.id === selected) row.setAttribute('aria-selected', 'true');
  return row;
}

function haystackOf(entry) {
  return [
    entry.id,
    entry.method,
    entry.path,
    entry.status,
    entry.principal?.id,
    entry.key_id,
    entry.backup_id,
    ...entry.faults.flatMap((f) => [f.code, f.message]),
  ]
    .filter((part) => part !== undefined && part !== null)
    .join(' ')
    .toLowerCase();
}

const searchText = () => ui.text.value.trim().toLowerCase();

function applySearch(item, text = searchText()) {
  item.row.hidden = text !== '' && !item.haystack.includes(text);
}

function updateShown() {
  let visible = 0;
  for (const item of shown.values()) if (!item.row.hidden) visible++;
  ui.shown.textContent =
    visible === shown.size
      ? `${shown.size} request${shown.size === 1 ? '' : 's'}`
      : `${visible} of ${shown.size} requests`;
  ui.empty.hidden = shown.size > 0;
}

/** Adds entries at the top (given oldest first), keeping at most MAX_ROWS. */
function addEntries(entries) {
  const fragment = document.createDocumentFragment();
  const text = searchText();
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i];
    if (shown.has(entry.id)) continue;
    const item = { entry, row: rowFor(entry), haystack: haystackOf(entry) };
    applySearch(item, text);
    fragment.append(item.row);
    shown.set(entry.id, item);
  }
  // The Map keeps insertion order; rebuild it so that it runs newest first like the rows.
  const fresh = [...shown.entries()].slice(-fragment.childNodes.length);
  const rest = [...shown.entries()].slice(0, shown.size - fresh.length);
  shown.clear();
  for (const [id, item] of [...fresh, ...rest]) shown.set(id, item);
  ui.rows.prepend(fragment);
  while (shown.size > MAX_ROWS) {
    const [id, item] = [...shown.entries()].at(-1);
    item.row.remove();
    shown.delete(id);
  }
  updateShown();
}

function clearRows() {
  shown.clear();
  ui.rows.replaceChildren();
  updateShown();
}

// ---- the live stream ----------------------------------------------------------------------------

let streamAbort;
let retryDelay = 1000;

function streamQuery() {
  const query = new URLSearchParams({ limit: String(BACKLOG) });
  if (ui.status.value) query.set('status', ui.status.value);
  if (ui.fault.value) query.set('fault', ui.fault.value);
  if (ui.path.value.trim()) query.set('path', ui.path.value.trim());
  const key = ui.key.value.trim();
  const wholeId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(key);
  ui.key.setAttribute('aria-invalid', String(key !== '' && !wholeId));
  if (wholeId) query.set('key_id', key.toLowerCase());
  return query;
}

async function openStream(reason) {
  streamAbort?.abort();
  const abort = new AbortController();
  streamAbort = abort;
  const started = performance.now();
  setConnection('connecting', reason === 'reconnect' ? 'reconnecting' : 'connecting');
  let backlog = [];
  let ready = false;
  try {
    const answer = await control(`/requests/stream?${streamQuery()}`, { signal: abort.signal });
    const reader = answer.body.pipeThrough(new TextDecoderStream()).getReader();
    let pending = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      pending += value;
      const lines = pending.split('\n');
      pending = lines.pop();
      for (const line of lines) {
        if (!line) continue;
        const message = JSON.parse(line);
        if (message.type === 'entry') {
          if (ready) (addEntries([message.entry]), scheduleCounts());
          else backlog.push(message.entry);
        } else if (message.type === 'ready') {
          const rendering = performance.now();
          clearRows();
          addEntries(backlog);
          // Reading a layout property lays the rows out now, so the measure counts the layout too.
          void ui.rows.offsetHeight;
          performance.measure('journal:render', { start: rendering, end: performance.now() });
          backlog = [];
          ready = true;
          retryDelay = 1000;
          setConnection('live', 'live');
          performance.measure(`journal:${reason}`, { start: started, end: performance.now() });
          document.documentElement.dataset.journal = 'ready';
        } else if (message.type === 'cleared') {
          clearRows();
          closeDetail();
          scheduleCounts();
        }
      }
    }
  } catch (error) {
    if (abort.signal.aborted) return;
    if (error instanceof ControlError && error.status === 401)
      return needToken(token.get() ? 'the control token was refused' : 'control token needed');
    if (error instanceof ControlError && error.status === 400)
      return setConnection('error', error.message);
  }
  if (abort.signal.aborted) return;
  // The stream ended (the mock restarted, or this reader fell behind): read the backlog again.
  setConnection('offline', `disconnected, retrying in ${Math.round(retryDelay / 1000)} s`);
  setTimeout(() => streamAbort === abort && openStream('reconnect'), retryDelay);
  retryDelay = Math.min(retryDelay * 2, 10_000);
}

// ---- counts, armed switches, catalogue ----------------------------------------------------------

let countsTimer;
function scheduleCounts() {
  clearTimeout(countsTimer);
  countsTimer = setTimeout(refreshCounts, 300);
}

async function refreshCounts() {
  try {
    const [health, faults] = await Promise.all([json('/health'), json('/faults')]);
    const pool = health.pool ?? {};
    const count = (term, value, title) => [el('dt', { title }, term), el('dd', {}, String(value))];
    ui.counts.replaceChildren(
      ...count(
        'pool',
        (pool.seeded ?? 0) + (pool.ready?.HOT ?? 0) + (pool.ready?.COLD ?? 0),
        `RSA-4096 keys ready: ${pool.seeded ?? 0} seeded, ${pool.ready?.HOT ?? 0} HOT, ${pool.ready?.COLD ?? 0} COLD`,
      ),
      ...count('keys', health.store?.keys ?? 0, 'Keys assigned'),
      ...count('backups', health.store?.backups ?? 0, 'Backups stored'),
    );
    const armed = Object.entries(faults.armed ?? {});
    const disarm = el('button', { type: 'button', class: 'small' }, 'Disarm');
    disarm.addEventListener(
      'click',
      async () => (await control('/faults', { method: 'DELETE' }), refreshCounts()),
    );
    ui.armed.replaceChildren(
      ...(armed.length === 0
        ? [el('span', { class: 'muted' }, 'no fault switch armed')]
        : [
            el('span', { class: 'muted' }, 'armed:'),
            ...armed.map(([fault, times]) =>
              el(
                'span',
                { class: 'chip sev-warning', title: `for the next ${times} request(s)` },
                `${fault} ×${times}`,
              ),
            ),
            disarm,
          ]),
    );
  } catch (error) {
    if (error instanceof ControlError && error.status === 401) needToken('control token needed');
  }
}

async function loadCatalogue() {
  catalogue = await json('/catalogue');
  const byTitle = Object.entries(catalogue.faults)
    .filter(([, entry]) => entry.detected_by === 'server')
    .sort(([a], [b]) => a.localeCompare(b));
  ui.fault.append(
    ...byTitle.map(([code, entry]) => el('option', { value: code, title: entry.title }, code)),
  );
  openapi = await json('/openapi.json');
}

// ---- detail ---------------------------------------------------------------------------------------

function openDetail(id) {
  const item = shown.get(id);
  if (!item) return;
  shown.get(selected)?.row.removeAttribute('aria-selected');
  selected = id;
  item.row.setAttribute('aria-selected', 'true');
  ui.detail.hidden = false;
  document.body.classList.add('with-detail');
  renderDetail(ui.detail, item.entry, { catalogue, openapi, onClose: closeDetail });
  ui.detail.scrollTop = 0;
}

function closeDetail() {
  const row = shown.get(selected)?.row;
  row?.removeAttribute('aria-selected');
  selected = undefined;
  ui.detail.hidden = true;
  document.body.classList.remove('with-detail');
  row?.focus();
}

// ---- confirmation, buttons, keys ------------------------------------------------------------------

function confirmFirst(text, action) {
  const dialog = $('confirm');
  $('confirm-text').textContent = text;
  $('confirm-ok').textContent = action;
  dialog.showModal();
  $('confirm-cancel').focus();
  return new Promise((resolve) => {
    const done = (answer) => () => (dialog.close(), resolve(answer));
    $('confirm-ok').onclick = done(true);
    $('confirm-cancel').onclick = done(false);
    dialog.oncancel = () => resolve(false);
  });
}

$('clear-journal').addEventListener('click', async () => {
  if (
    await confirmFirst('Empty the journal? Keys, backups and armed faults stay.', 'Clear journal')
  )
    await control('/requests', { method: 'DELETE' });
});
$('reset-mock').addEventListener('click', async () => {
  if (
    await confirmFirst(
      'Reset the mock? It forgets every key, backup, journal entry and armed fault, then loads its seed files again.',
      'Reset mock',
    )
  ) {
    await control('/reset', { method: 'POST' });
    refreshCounts();
  }
});

ui.tokenForm.addEventListener('submit', (event) => {
  event.preventDefault();
  token.set($('token-input').value);
  ui.tokenForm.hidden = true;
  start();
});

let filterTimer;
const refilter = () => {
  clearTimeout(filterTimer);
  filterTimer = setTimeout(() => openStream('filter'), 200);
};
ui.status.addEventListener('change', () => openStream('filter'));
ui.fault.addEventListener('change', () => openStream('filter'));
ui.path.addEventListener('input', refilter);
ui.key.addEventListener('input', refilter);
ui.text.addEventListener('input', () => {
  const started = performance.now();
  const text = searchText();
  for (const item of shown.values()) applySearch(item, text);
  updateShown();
  void ui.rows.offsetHeight;
  performance.measure('journal:search', { start: started, end: performance.now() });
});

ui.rows.addEventListener('click', (event) => {
  const row = event.target.closest('.row');
  if (row) openDetail(row.dataset.id);
});

function moveFocus(row, step) {
  let next = step > 0 ? row.nextElementSibling : row.previousElementSibling;
  while (next?.hidden) next = step > 0 ? next.nextElementSibling : next.previousElementSibling;
  next?.focus();
}

ui.rows.addEventListener('keydown', (event) => {
  const row = event.target.closest('.row');
  if (!row) return;
  if (event.key === 'Enter' || event.key === ' ') openDetail(row.dataset.id);
  else if (event.key === 'ArrowDown' || event.key === 'j') moveFocus(row, 1);
  else if (event.key === 'ArrowUp' || event.key === 'k') moveFocus(row, -1);
  else return;
  event.preventDefault();
});

document.addEventListener('keydown', (event) => {
  const typing = event.target.closest?.('input, select, textarea');
  if (event.key === '/' && !typing) {
    event.preventDefault();
    ui.text.focus();
  } else if (event.key === 'Escape' && selected && !$('confirm').open) {
    closeDetail();
  }
});

let counting;
async function start() {
  try {
    if (!catalogue) await loadCatalogue();
  } catch (error) {
    if (error instanceof ControlError && error.status === 401)
      return needToken(token.get() ? 'the control token was refused' : 'control token needed');
    return setConnection('error', `the control plane did not answer: ${error.message}`);
  }
  refreshCounts();
  counting ??= setInterval(refreshCounts, 5000);
  openStream('load');
}

updateShown();
start();
