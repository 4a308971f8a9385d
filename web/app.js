// The baocao page: plain JavaScript, no framework, nothing loaded from the internet.
// Every text a person reads is Vietnamese; the server (src/serve) does the work through baocao's run functions.

const app = document.getElementById('app');
const crumbs = document.getElementById('crumbs');
const toastBox = document.getElementById('toast');
const numberVi = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

// ---------- small helpers

/** Element builder: h('p', {class: 'x'}, 'text', child). Text is always set as text, never as HTML. */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** Replaces an element's children, skipping empty ones (null, false). */
function put(el, ...children) {
  el.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
}

function toast(text, ms = 4000) {
  toastBox.textContent = text;
  toastBox.classList.add('show');
  clearTimeout(toast.t);
  toast.t = setTimeout(() => toastBox.classList.remove('show'), ms);
}

async function api(path, options = {}) {
  let res;
  try {
    res = await fetch(path, options);
  } catch {
    throw new Error('Không kết nối được với baocao. Cửa sổ baocao còn mở không? Mở lại baocao rồi tải lại trang.');
  }
  const type = res.headers.get('content-type') || '';
  const body = type.includes('json') ? await res.json() : { error: await res.text() };
  if (!res.ok) throw new Error(body.error || `Lỗi ${res.status}`);
  return body;
}

function postJson(path, data) {
  return api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(data) });
}

const enc = encodeURIComponent;
const roundApi = (plan, round) => `/api/plans/${enc(plan)}/rounds/${enc(round)}`;

/** "14:05 ngày 12/07/2026" in Vietnam's time (+07:00), as the server gives every date (received, due): one moment never shows two dates. */
function timeVi(iso) {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return String(iso);
  const d = new Date(ms + 7 * 3600 * 1000);
  const p = (n) => String(n).padStart(2, '0');
  return `${p(d.getUTCHours())}:${p(d.getUTCMinutes())} ngày ${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

function sizeVi(bytes) {
  return bytes >= 1048576 ? `${numberVi.format(Math.round(bytes / 104857.6) / 10)} MB` : `${numberVi.format(Math.max(1, Math.round(bytes / 1024)))} KB`;
}

function valueVi(v) {
  if (v === null || v === undefined) return '(không có)';
  return typeof v === 'number' ? numberVi.format(v) : String(v);
}

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const ta = h('textarea', { style: 'position:fixed;left:-9999px' }, text);
    document.body.append(ta);
    ta.select();
    const ok = document.execCommand('copy');
    ta.remove();
    return ok;
  }
}

function setCrumbs(parts) {
  put(crumbs, 
    ...parts.flatMap((p, i) => [...(i > 0 ? [h('span', { class: 'sep' }, '›')] : []), p.href ? h('a', { href: p.href }, p.text) : h('span', {}, p.text)]),
  );
}

function showError(err, where = app) {
  put(where, h('div', { class: 'alert bad' }, h('h3', {}, 'Có lỗi'), h('p', {}, err.message || String(err))));
}

/** The address of a finding as a button: a click copies the Go To reference for Excel. */
function cellButton(f) {
  if (!f.where) return h('span', { class: 'muted' }, '—');
  if (!f.cell) return h('span', {}, f.where);
  const ref = `'${f.sheet.replace(/'/g, "''")}'!${f.cell}`;
  return h(
    'button',
    {
      class: 'cell',
      title: 'Bấm để chép địa chỉ ô; trong Excel nhấn Ctrl+G, dán rồi Enter để đến đúng ô này',
      onclick: async () => {
        await copyText(ref);
        toast(`Đã chép ${ref} — trong Excel nhấn Ctrl+G, dán (Ctrl+V) rồi Enter để đến ô này.`, 6000);
      },
    },
    f.where,
  );
}

function findingsTable(findings) {
  return h(
    'table',
    { class: 'findings' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Ô (Sheet!Ô)'), h('th', {}, 'Mức độ'), h('th', {}, 'Sai ở đâu, sai gì'), h('th', {}, 'Cần làm gì'))),
    h(
      'tbody',
      {},
      findings.map((f) =>
        h(
          'tr',
          { class: `finding ${f.severity}` },
          h('td', {}, cellButton(f)),
          h('td', {}, h('span', { class: f.severity === 'error' ? 'sev-error' : 'sev-warning' }, f.severity === 'error' ? 'Lỗi' : 'Cảnh báo')),
          h('td', {}, f.message),
          h('td', { class: 'hint' }, f.hint),
        ),
      ),
    ),
  );
}

function total(n, label, tone = '') {
  return h('div', { class: `total ${tone}` }, h('div', { class: 'n' }, numberVi.format(n)), h('div', { class: 't' }, label));
}

// ---------- router

let leave = () => {};

async function route() {
  leave();
  leave = () => {};
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  window.scrollTo(0, 0);
  try {
    if (parts[0] === 'k' && parts.length === 2) await planPage(parts[1]);
    else if (parts[0] === 'k' && parts.length >= 3) await roundPage(parts[1], parts[2], parts[3]);
    else await plansPage();
  } catch (err) {
    showError(err);
  }
}

window.addEventListener('hashchange', route);

// ---------- plans

async function plansPage() {
  setCrumbs([{ text: 'Các kế hoạch' }]);
  const { plans, input } = await api('/api/plans');
  const list = plans.length
    ? h(
        'div',
        { class: 'cards' },
        plans.map((p) =>
          h(
            'div',
            { class: 'card plan-card' },
            h('h3', {}, h('a', { href: `#/k/${enc(p.id)}` }, p.title)),
            h('p', { class: 'muted small' }, `Thư mục: ${p.id}`),
            p.ok
              ? h('p', {}, `${numberVi.format(p.agencies.length)} cơ quan, đơn vị báo cáo`)
              : h('p', {}, h('span', { class: 'badge bad' }, 'Tệp kế hoạch có lỗi — cần sửa')),
            p.rounds.length
              ? h('div', { class: 'chips' }, p.rounds.map((r) => h('a', { class: 'chip', href: `#/k/${enc(p.id)}/${enc(r.id)}` }, r.label)))
              : h('p', { class: 'muted small' }, 'Chưa có đợt báo cáo nào.'),
          ),
        ),
      )
    : h('div', { class: 'alert info' }, `Chưa có kế hoạch nào trong thư mục ${input}. Tạo kế hoạch mới ở dưới.`);

  const title = h('input', { type: 'text', name: 'ten', id: 'plan-name', placeholder: 'Chuyển đổi số 2026', size: 40, required: true });
  const file = h('input', { type: 'file', accept: '.xlsx', class: 'plan-file', id: 'plan-file' });
  const chosen = h('span', { class: 'muted' }, 'Chưa chọn tệp.');
  file.addEventListener('change', () => (chosen.textContent = file.files[0] ? file.files[0].name : 'Chưa chọn tệp.'));
  const result = h('div');
  const create = h('button', { class: 'primary', type: 'submit' }, 'Tạo kế hoạch');
  const form = h(
    'form',
    {
      class: 'new-plan',
      onsubmit: async (e) => {
        e.preventDefault();
        if (!file.files[0]) return toast('Hãy chọn tệp ke-hoach.xlsx đã điền.');
        const data = new FormData();
        data.append('ten', title.value);
        data.append('file', file.files[0]);
        create.disabled = true;
        try {
          const r = await api('/api/plans', { method: 'POST', body: data });
          location.hash = `#/k/${enc(r.plan.id)}`;
        } catch (err) {
          showError(err, result);
        } finally {
          create.disabled = false;
        }
      },
    },
    h('ol', { class: 'steps' },
      h('li', {}, h('a', { class: 'button', href: '/api/ke-hoach-mau', download: 'ke-hoach.xlsx' }, 'Tải tệp kế hoạch mẫu (ke-hoach.xlsx)')),
      h('li', {}, 'Mở tệp bằng Excel, đọc sheet "Hướng dẫn", sửa các dòng ví dụ thành thông tin kế hoạch của mình, lưu lại.'),
      h('li', {}, h('label', { class: 'field' }, 'Đặt tên ngắn cho kế hoạch', h('span', { class: 'hint' }, 'dùng làm tên thư mục, ví dụ: Chuyển đổi số 2026'), title)),
      h('li', {}, h('div', { class: 'row' }, h('label', { class: 'button', for: 'plan-file' }, 'Chọn tệp ke-hoach.xlsx đã điền…'), file, chosen)),
      h('li', {}, create, h('span', { class: 'muted' }, ' — nếu tệp có chỗ sai, trang chỉ rõ sheet và ô cần sửa.')),
    ),
    result,
  );

  put(app, 
    h('h1', {}, 'Các kế hoạch'),
    h('p', { class: 'muted' }, 'Chọn kế hoạch để làm việc với các đợt báo cáo của kế hoạch đó.'),
    list,
    h('h2', {}, 'Tạo kế hoạch mới'),
    h('div', { class: 'card' }, form),
  );
}

// ---------- one plan

async function planPage(planId) {
  const { plan } = await api(`/api/plans/${enc(planId)}`);
  setCrumbs([{ text: 'Các kế hoạch', href: '#/' }, { text: plan.title }]);
  const errors = plan.findings.filter((f) => f.severity === 'error');
  const warnings = plan.findings.filter((f) => f.severity === 'warning');
  const blocks = [h('h1', {}, plan.title), h('p', { class: 'muted' }, `Thư mục kế hoạch: ${planId}`)];

  const replaceForm = (label) => {
    const file = h('input', { type: 'file', accept: '.xlsx', id: 'replace-plan', class: 'plan-file' });
    const out = h('div');
    file.addEventListener('change', async () => {
      if (!file.files[0]) return;
      const data = new FormData();
      data.append('file', file.files[0]);
      try {
        await api(`/api/plans/${enc(planId)}/ke-hoach`, { method: 'POST', body: data });
        toast('Đã nhận tệp kế hoạch mới; bản cũ được giữ trong thư mục kế hoạch (.ke-hoach-cu).');
        route();
      } catch (err) {
        showError(err, out);
      }
    });
    return h('div', {}, h('label', { class: 'button primary', for: 'replace-plan' }, label), file, out);
  };

  if (!plan.ok) {
    blocks.push(
      h('div', { class: 'alert bad plan-errors' },
        h('h3', {}, `Tệp kế hoạch có ${errors.length} lỗi — cần sửa trước khi làm tiếp`),
        h('p', {}, 'Mở tệp ke-hoach.xlsx bằng Excel (',
          h('a', { href: `/api/plans/${enc(planId)}/ke-hoach.xlsx`, download: true }, 'tải tệp đang dùng'),
          '), sửa đúng các ô dưới đây, lưu lại rồi tải lên bản đã sửa.'),
        findingsTable(plan.findings),
        plan.findings.length === 0 ? plan.messages.map((m) => h('p', {}, m)) : null,
        replaceForm('Tải lên bản đã sửa của tệp kế hoạch'),
      ),
    );
    put(app, ...blocks);
    return;
  }
  if (warnings.length) {
    blocks.push(h('div', { class: 'alert warn' }, h('h3', {}, `Tệp kế hoạch có ${warnings.length} cảnh báo`), findingsTable(warnings)));
  }

  blocks.push(h('h2', {}, 'Các đợt báo cáo'));
  blocks.push(
    plan.rounds.length
      ? h('div', { class: 'cards' }, plan.rounds.map((r) =>
          h('a', { class: 'card round-card', href: `#/k/${enc(planId)}/${enc(r.id)}` }, h('h3', {}, r.label), h('p', { class: 'muted small' }, `Thư mục: ${r.id}`))))
      : h('p', { class: 'muted' }, 'Chưa có đợt báo cáo nào. Tạo đợt đầu tiên ở dưới.'),
  );

  const { periods, year } = await api('/api/periods');
  const years = [...new Set([...plan.years, year - 1, year, year + 1])].sort();
  const periodSel = h('select', { name: 'period', id: 'period' }, periods.map((p) => h('option', { value: p.value }, p.label)));
  const yearSel = h('select', { name: 'year', id: 'year' }, years.map((y) => h('option', { value: y, selected: y === year }, `Năm ${y}`)));
  periodSel.addEventListener('change', () => (yearSel.disabled = periodSel.value === 'du-toan'));
  const out = h('div');
  blocks.push(
    h('h2', {}, 'Tạo đợt báo cáo mới'),
    h('div', { class: 'card' },
      h('p', {}, 'Chọn kỳ báo cáo; baocao tự đặt tên thư mục của đợt.'),
      h('form', {
        class: 'row new-round',
        onsubmit: async (e) => {
          e.preventDefault();
          try {
            const r = await postJson(`/api/plans/${enc(planId)}/rounds`, { period: periodSel.value, year: Number(yearSel.value) });
            location.hash = `#/k/${enc(planId)}/${enc(r.round.id)}`;
          } catch (err) {
            showError(err, out);
          }
        },
      },
        h('label', { class: 'field' }, 'Kỳ báo cáo', periodSel),
        h('label', { class: 'field' }, 'Năm', yearSel),
        h('button', { class: 'primary', type: 'submit' }, 'Tạo đợt'),
      ),
      out,
    ),
  );

  blocks.push(
    h('details', {},
      h('summary', {}, `Các cơ quan, đơn vị phải báo cáo (${plan.agencies.length})`),
      h('div', { class: 'list' }, h('table', {},
        h('thead', {}, h('tr', {}, h('th', {}, 'Mã'), h('th', {}, 'Tên cơ quan'), h('th', {}, 'Hạn nộp (ngày trong tháng)'), h('th', {}, 'Nhóm'))),
        h('tbody', {}, plan.agencies.map((a) => h('tr', {}, h('td', {}, a.code), h('td', {}, a.name), h('td', {}, a.deadlineDay ?? '—'), h('td', {}, a.group ?? '')))),
      )),
    ),
    h('details', {}, h('summary', {}, 'Sửa tệp kế hoạch'),
      h('p', {}, h('a', { href: `/api/plans/${enc(planId)}/ke-hoach.xlsx`, download: true }, 'Tải tệp kế hoạch hiện tại (ke-hoach.xlsx)'), ', sửa bằng Excel, lưu lại rồi tải lên ở đây.'),
      replaceForm('Tải lên bản sửa của tệp kế hoạch')),
  );
  put(app, ...blocks);
}

// ---------- one round

const TABS = [
  ['bieu-mau', 'Biểu mẫu'],
  ['nhan-tep', 'Nhận tệp và kiểm tra'],
  ['tinh-hinh', 'Tình hình nộp'],
  ['bao-cao', 'Báo cáo'],
];

async function roundPage(planId, roundId, tab) {
  const base = roundApi(planId, roundId);
  const info = await api(base);
  const plan = info.plan;
  setCrumbs([{ text: 'Các kế hoạch', href: '#/' }, { text: plan ? plan.title : planId, href: `#/k/${enc(planId)}` }, { text: info.round.label }]);
  if (plan && !plan.ok) {
    location.hash = `#/k/${enc(planId)}`;
    return;
  }
  const current = TABS.some(([id]) => id === tab) ? tab : info.files.length === 0 ? 'bieu-mau' : 'nhan-tep';
  const panel = h('div', { class: 'panel' });
  put(app, 
    h('h1', {}, `${info.round.label}`),
    h('p', { class: 'muted' }, plan ? plan.title : planId),
    h('nav', { class: 'tabs' }, TABS.map(([id, label], i) =>
      h('a', { href: `#/k/${enc(planId)}/${enc(roundId)}/${id}`, class: id === current ? 'active' : '', dataset: { tab: id } }, h('span', { class: 'num' }, i + 1), label))),
    panel,
  );
  const ctx = { planId, roundId, base, info, plan, panel, events: null };
  // Live events of the round: progress of checks, files copied into the folder, rebuilt reports.
  const events = new EventSource(`${base}/events`);
  ctx.events = events;
  leave = () => events.close();
  if (current === 'bieu-mau') await formsTab(ctx);
  else if (current === 'nhan-tep') await filesTab(ctx);
  else if (current === 'tinh-hinh') await statusTab(ctx);
  else await reportTab(ctx);
}

// ----- tab 1: forms

async function formsTab(ctx) {
  const { panel, base, plan } = ctx;
  const list = h('div', {}, h('p', { class: 'muted' }, 'Đang chuẩn bị biểu mẫu…'));
  put(panel, 
    h('h2', {}, 'Biểu mẫu gửi các cơ quan'),
    h('p', {}, 'Mỗi cơ quan một tệp Excel điền sẵn nhiệm vụ, kỳ báo cáo; ô tô vàng là ô cơ quan cần điền. Gửi cho các cơ quan (thư điện tử, Zalo…), nhận lại rồi thả vào bước 2.'),
    h('p', {}, h('a', { class: 'button primary', href: `${base}/bieu-mau.zip`, download: true }, 'Tải tất cả biểu mẫu (một tệp .zip)')),
    h('h3', {}, 'Hoặc tải biểu mẫu của từng cơ quan'),
    list,
  );
  try {
    const { files } = await api(`${base}/bieu-mau`);
    const agencies = plan ? plan.agencies : [];
    const filter = h('input', { type: 'text', placeholder: 'Gõ tên cơ quan để tìm…', size: 36 });
    const rows = files.map((f) => {
      const order = Number(/^(\d+)-/.exec(f)?.[1] || 0);
      const name = agencies[order - 1]?.name || f;
      return h('tr', { dataset: { name: name.toLowerCase() } }, h('td', {}, name), h('td', {}, h('a', { href: `${base}/bieu-mau/${enc(f)}`, download: true }, f)));
    });
    filter.addEventListener('input', () => {
      const q = filter.value.trim().toLowerCase();
      for (const r of rows) r.hidden = q !== '' && !r.dataset.name.includes(q);
    });
    put(list, 
      files.length > 12 ? h('p', {}, filter) : null,
      h('div', { class: 'list' }, h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Cơ quan'), h('th', {}, 'Tệp biểu mẫu'))), h('tbody', {}, rows))),
    );
  } catch (err) {
    showError(err, list);
  }
}

// ----- tab 2: files and their check

async function filesTab(ctx) {
  const { panel, base, info } = ctx;
  const input = h('input', { type: 'file', multiple: true, accept: '.xlsx,.xlsm,.xls', id: 'file-input' });
  const drop = h('div', { class: 'drop', id: 'drop' },
    h('div', { class: 'big' }, 'Kéo thả các tệp Excel cơ quan gửi về vào đây'),
    h('p', {}, 'Có thể thả nhiều tệp một lúc; mỗi tệp được kiểm tra ngay.'),
    h('label', { class: 'button primary', for: 'file-input' }, 'Hoặc chọn tệp trên máy…'),
    input,
  );
  const progress = h('div', { class: 'progress', hidden: true }, h('p', { class: 'ptext' }), h('div', { class: 'bar' }, h('div')));
  const landed = h('div', { class: 'landed' });
  const result = h('div', { class: 'check' }, h('p', { class: 'muted' }, 'Đang kiểm tra các tệp…'));
  put(panel, 
    h('h2', {}, 'Nhận tệp và kiểm tra'),
    drop,
    h('p', { class: 'muted small' }, 'Tệp được lưu vào thư mục ', h('code', { class: 'path' }, info.round.folder), '. Chép tệp vào thư mục đó bằng tay cũng được: trang tự cập nhật.'),
    progress,
    landed,
    result,
  );
  const fresh = new Set();
  let uploading = false;

  const setProgress = (text, done, totalN) => {
    progress.hidden = false;
    progress.querySelector('.ptext').textContent = text;
    progress.querySelector('.bar > div').style.width = `${totalN ? Math.round((100 * done) / totalN) : 0}%`;
  };

  let shownAt = '';
  const show = (view) => {
    if (view.at < shownAt) return;
    shownAt = view.at;
    put(result, renderCheck(view, ctx, fresh));
    if (fresh.size) {
      const byName = new Map(view.files.map((f) => [f.file, f]));
      const items = [...fresh].map((n) => byName.get(n)).filter(Boolean);
      if (items.length)
        put(landed, h('div', { class: 'alert info' }, h('strong', {}, `Vừa nhận ${items.length} tệp: `),
          items.map((f, i) => [i ? '; ' : '', `${f.original} — ${f.errors ? `${f.errors} lỗi` : f.warnings ? `${f.warnings} cảnh báo` : 'không có lỗi'}`])));
    }
  };

  const refresh = async () => {
    try {
      show(await api(`${base}/check`));
    } catch (err) {
      showError(err, result);
    }
  };

  ctx.events.addEventListener('progress', (e) => {
    const { done, total: n } = JSON.parse(e.data);
    if (n > 0) setProgress(`Đang kiểm tra ${numberVi.format(done)}/${numberVi.format(n)} tệp…`, done, n);
  });
  ctx.events.addEventListener('checked', () => {
    if (!uploading) progress.hidden = true;
    refresh();
  });
  ctx.events.addEventListener('files', () => toast('Có tệp mới hoặc tệp thay đổi trong thư mục đợt; đang kiểm tra lại…'));
  ctx.events.addEventListener('built', (e) => {
    const { changes } = JSON.parse(e.data);
    toast(changes === null ? 'Báo cáo đã được lập lại.' : `Báo cáo đã được lập lại: ${changes} số liệu thay đổi (xem bước 4).`, 5000);
  });

  const uploadAll = async (fileList) => {
    const files = [...fileList];
    if (!files.length) return;
    uploading = true;
    fresh.clear();
    let done = 0;
    let bytesDone = 0;
    const bytesAll = files.reduce((s, f) => s + f.size, 0);
    const refused = [];
    setProgress(`Đang tải lên 0/${files.length} tệp…`, 0, files.length);
    // Two at a time; each file is checked as soon as it has landed.
    const queue = files.slice();
    const worker = async () => {
      while (queue.length) {
        const f = queue.shift();
        const data = new FormData();
        data.append('file', f, f.name);
        try {
          const r = await api(`${base}/files`, { method: 'POST', body: data });
          for (const s of r.saved) fresh.add(s.saved);
          refused.push(...r.refused.map((x) => `${x.original}: ${x.reason}`));
        } catch (err) {
          refused.push(`${f.name}: ${err.message}`);
        }
        done++;
        bytesDone += f.size;
        setProgress(`Đã tải lên ${done}/${files.length} tệp (${sizeVi(bytesDone)}/${sizeVi(bytesAll)}); đang kiểm tra…`, done, files.length);
        refresh();
      }
    };
    await Promise.all([worker(), worker()]);
    uploading = false;
    await refresh();
    progress.hidden = true;
    if (refused.length) landed.prepend(h('div', { class: 'alert bad' }, h('h3', {}, 'Có tệp không nhận được'), refused.map((t) => h('p', {}, t))));
  };

  input.addEventListener('change', () => {
    uploadAll(input.files);
    input.value = '';
  });
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    uploadAll(e.dataTransfer.files);
  });
  await refresh();
}

function renderCheck(view, ctx, fresh) {
  const { base } = ctx;
  const t = view.totals;
  if (view.planFailed) {
    return h('div', { class: 'alert bad' }, h('h3', {}, 'Tệp kế hoạch có lỗi'), view.planFindings.length ? findingsTable(view.planFindings) : view.messages.map((m) => h('p', {}, m)),
      h('p', {}, h('a', { href: `#/k/${enc(ctx.planId)}` }, 'Mở kế hoạch để sửa')));
  }
  const out = [
    h('h3', {}, `Kết quả kiểm tra lúc ${timeVi(view.at)}`),
    h('div', { class: 'totals' },
      total(t.files, 'tệp đã nhận'),
      total(t.used, 'được tổng hợp', 'good'),
      total(t.withErrors, 'tệp có lỗi', t.withErrors ? 'bad' : 'good'),
      total(t.errors, 'lỗi', t.errors ? 'bad' : 'good'),
      total(t.warnings, 'cảnh báo', t.warnings ? 'warn' : ''),
      total(t.missing, 'cơ quan chưa nộp', t.missing ? 'warn' : 'good'),
    ),
  ];
  if (t.files === 0) {
    out.push(h('p', { class: 'muted' }, 'Chưa có tệp nào. Thả các tệp cơ quan gửi về vào ô phía trên.'));
    return h('div', {}, out);
  }
  if (view.planFindings.length) out.push(h('div', { class: 'alert warn' }, h('h3', {}, 'Tệp kế hoạch'), findingsTable(view.planFindings)));
  const withFindings = view.files.filter((f) => f.findings.length);
  const clean = view.files.filter((f) => !f.findings.length);
  for (const f of withFindings) out.push(fileCard(f, base, fresh));
  if (clean.length) {
    out.push(h('details', { open: clean.some((f) => fresh.has(f.file)) || undefined },
      h('summary', {}, `Các tệp không có lỗi, cảnh báo (${clean.length})`),
      h('div', { class: 'list' }, h('table', { class: 'clean-files' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Tệp'), h('th', {}, 'Cơ quan'), h('th', {}, 'Tình trạng'))),
        h('tbody', {}, clean.map((f) =>
          h('tr', { dataset: { file: f.file }, class: fresh.has(f.file) ? 'fresh' : '' },
            h('td', {}, f.original, fresh.has(f.file) ? [' ', h('span', { class: 'badge info' }, 'Vừa nhận')] : null),
            h('td', {}, f.agencyName ?? 'Chưa nhận ra cơ quan'),
            h('td', {}, h('span', { class: 'badge good' }, f.stateLabel))))),
      ))));
  }
  out.push(h('p', {}, h('a', { href: `${base}/tai-ve?ten=kiem-tra.xlsx`, download: true }, 'Tải kết quả kiểm tra của cả đợt (kiem-tra.xlsx)')));
  return h('div', {}, out);
}

function fileCard(f, base, fresh) {
  const errors = f.findings.filter((x) => x.severity === 'error').length;
  const warnings = f.findings.length - errors;
  const tone = errors ? 'bad' : warnings ? 'warn' : '';
  const stateBadge = errors
    ? h('span', { class: 'badge bad' }, `${errors} lỗi${warnings ? `, ${warnings} cảnh báo` : ''}`)
    : warnings
      ? h('span', { class: 'badge warn' }, `${warnings} cảnh báo`)
      : h('span', { class: 'badge good' }, 'Không có lỗi');
  return h('div', { class: `file ${tone} ${fresh.has(f.file) ? 'fresh' : ''}`, dataset: { file: f.file } },
    h('div', { class: 'row' },
      h('span', { class: 'name' }, f.original),
      stateBadge,
      fresh.has(f.file) ? h('span', { class: 'badge info' }, 'Vừa nhận') : null,
      h('span', { class: 'spacer' }),
      f.sendBack ? h('a', { class: 'button', href: `${base}/tra-lai/${enc(f.file)}`, download: true, title: 'Bản sao của tệp, ô lỗi tô đỏ kèm ghi chú cách sửa, để gửi lại cho cơ quan' }, 'Tải bản đánh dấu lỗi để gửi lại') : null,
    ),
    h('p', { class: 'who' }, f.agencyName ? `Cơ quan: ${f.agencyName}` : 'Chưa nhận ra cơ quan', ' · ', f.stateLabel, f.original !== f.file ? ` · lưu với tên ${f.file}` : ''),
    f.findings.length ? findingsTable(f.findings) : null,
  );
}

// ----- tab 3: who has sent

async function statusTab(ctx) {
  const { panel, base } = ctx;
  put(panel, h('h2', {}, 'Tình hình nộp'), h('p', { class: 'muted' }, 'Đang xem các tệp đã nhận…'));
  const draw = async () => {
    const s = await api(`${base}/status`);
    if (s.planFailed) return put(panel, h('h2', {}, 'Tình hình nộp'), h('div', { class: 'alert bad' }, s.messages.map((m) => h('p', {}, m))));
    const t = s.totals;
    const tone = { 'on-time': 'good', 'no-deadline': 'good', late: 'warn', missing: 'bad', 'has-errors': 'bad' };
    const reminder = h('textarea', { class: 'reminder', readonly: true }, s.reminder || 'Mọi cơ quan đã nộp và không có tệp nào còn lỗi.');
    put(panel, 
      h('h2', {}, 'Tình hình nộp'),
      h('div', { class: 'totals' },
        total(t.agencies, 'cơ quan phải nộp'),
        total(t.sent, 'đã nộp', 'good'),
        total(t.onTime, 'nộp đúng hạn', 'good'),
        total(t.late, 'nộp muộn', t.late ? 'warn' : 'good'),
        total(t.missing, 'chưa nộp', t.missing ? 'bad' : 'good'),
        total(t.withErrors, 'nộp nhưng tệp có lỗi', t.withErrors ? 'bad' : 'good'),
      ),
      h('table', { class: 'status' },
        h('thead', {}, h('tr', {}, h('th', { class: 'num' }, 'STT'), h('th', {}, 'Cơ quan, đơn vị'), h('th', {}, 'Tình trạng'), h('th', {}, 'Hạn nộp'), h('th', {}, 'Ngày nhận'), h('th', {}, 'Tệp'))),
        h('tbody', {}, s.rows.map((r, i) =>
          h('tr', { dataset: { code: r.code, state: r.state } },
            h('td', { class: 'num' }, i + 1),
            h('td', {}, r.name),
            h('td', {}, h('span', { class: `badge ${r.errors ? 'bad' : tone[r.state]}` }, r.label)),
            h('td', {}, r.dueDate ?? 'Không có hạn'),
            h('td', {}, r.receivedDate ?? '—'),
            h('td', {}, r.original ?? ''),
          ))),
      ),
      s.otherFiles.length ? h('div', { class: 'alert warn' }, h('h3', {}, 'Tệp không thuộc cơ quan nào'), s.otherFiles.map((o) => h('p', {}, `${o.original}: ${o.reason}.`))) : null,
      h('h3', {}, 'Danh sách để nhắc'),
      h('p', { class: 'muted' }, 'Sao chép rồi dán vào thư điện tử, tin nhắn gửi các cơ quan.'),
      reminder,
      h('p', {}, h('button', {
        class: 'primary copy-reminder',
        disabled: !s.reminder,
        onclick: async () => toast((await copyText(s.reminder)) ? 'Đã chép danh sách; dán (Ctrl+V) vào thư hoặc tin nhắn.' : 'Không chép được; hãy bôi đen ô trên rồi nhấn Ctrl+C.'),
      }, 'Sao chép danh sách nhắc nộp')),
    );
  };
  ctx.events.addEventListener('checked', () => draw().catch(() => {}));
  await draw();
}

// ----- tab 4: the report

async function reportTab(ctx) {
  const { panel, base } = ctx;
  const buildBtn = h('button', { class: 'primary build' }, 'Lập báo cáo');
  const state = h('div', { class: 'state' });
  const outputs = h('div', { class: 'outputs' });
  const changes = h('div', { class: 'changes' });
  const preview = h('div', { class: 'preview' });
  put(panel, 
    h('h2', {}, 'Báo cáo'),
    h('p', {}, 'Lập báo cáo, phụ lục từ các tệp hợp lệ. Tệp còn lỗi không được cộng vào và được nêu tên trong báo cáo. Sau khi đã lập, mỗi lần nhận tệp mới hoặc tệp sửa, báo cáo được lập lại tự động.'),
    h('p', {}, buildBtn),
    state,
    outputs,
    changes,
    preview,
  );

  const drawOutputs = (list) => {
    put(outputs, 
      list.length
        ? h('div', {}, h('h3', {}, 'Tải về'), h('table', { class: 'downloads' }, h('tbody', {}, list.map((o) =>
            h('tr', {}, h('td', {}, o.label, o.besideEdited ? h('span', { class: 'badge warn' }, ' bản mới, ghi bên cạnh tệp đã sửa tay') : null),
              h('td', {}, h('a', { href: `${base}/tai-ve?ten=${enc(o.name)}`, download: true, dataset: { name: o.name } }, o.name)))))))
        : h('p', { class: 'muted' }, 'Chưa lập báo cáo cho đợt này.'),
    );
  };

  const drawChanges = (build) => {
    if (!build) return put(changes, );
    if (!build.changes) return put(changes, h('p', { class: 'muted' }, 'Lần lập đầu tiên: chưa có lần trước để so sánh số liệu.'));
    const items = build.changes.items;
    if (!items.length) return put(changes, h('div', { class: 'alert good' }, 'Không có số liệu nào thay đổi so với lần lập trước.'));
    put(changes, 
      h('h3', {}, `Các số liệu thay đổi so với lần lập lúc ${timeVi(build.changes.since)} (${items.length})`),
      h('div', { class: 'list' }, h('table', { class: 'change-list' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Phụ lục'), h('th', {}, 'Nhóm'), h('th', {}, 'Dòng'), h('th', {}, 'Cột'), h('th', { class: 'num' }, 'Cũ → Mới'), h('th', { class: 'num' }, 'Chênh lệch'), h('th', {}, 'Lấy từ'))),
        h('tbody', {}, items.map((c) =>
          h('tr', {},
            h('td', {}, c.appendix), h('td', {}, c.group), h('td', {}, c.total ? `Σ ${c.line}` : c.line), h('td', {}, c.column),
            h('td', { class: 'num' }, h('span', { class: 'old' }, valueVi(c.old)), ' → ', h('span', { class: 'new' }, valueVi(c.new))),
            h('td', { class: 'num' }, c.diff === null ? '' : `${c.diff > 0 ? '+' : ''}${numberVi.format(c.diff)}`),
            h('td', {}, c.source),
          ))),
      )),
    );
  };

  const drawPreview = async () => {
    put(preview, h('h3', {}, 'Xem trước các trang đầu'), h('p', { class: 'muted' }, 'Đang tạo hình các trang đầu của báo cáo (có thể mất vài giây)…'));
    try {
      const p = await api(`${base}/xem-truoc`);
      if (p.state !== 'ready') return put(preview, h('h3', {}, 'Xem trước các trang đầu'), h('p', { class: 'muted note' }, p.note));
      put(preview, h('h3', {}, `Xem trước các trang đầu (${p.document})`),
        h('div', { class: 'pages' }, p.pages.map((src, i) => h('img', { src: `${base}/xem-truoc/${src}`, alt: `Trang ${i + 1} của ${p.document}`, width: 300 }))));
    } catch (err) {
      put(preview, h('p', { class: 'muted' }, err.message));
    }
  };

  const drawBuilt = (b) => {
    put(state, 
      b.planFailed
        ? h('div', { class: 'alert bad' }, b.messages.map((m) => h('p', {}, m)))
        : h('div', { class: `alert ${b.check.totals.withErrors ? 'warn' : 'good'}` },
            `Đã lập lúc ${timeVi(b.at)}: ${b.check.totals.used} tệp được tổng hợp`,
            b.check.totals.withErrors ? `, ${b.check.totals.withErrors} tệp có lỗi chưa được cộng vào (xem bước 2)` : '',
            b.check.totals.missing ? `, ${b.check.totals.missing} cơ quan chưa nộp` : '',
            '.'),
    );
    drawOutputs(b.outputs);
    drawChanges(b);
  };

  buildBtn.addEventListener('click', async () => {
    buildBtn.disabled = true;
    put(state, h('p', { class: 'muted' }, 'Đang lập báo cáo…'));
    try {
      drawBuilt(await api(`${base}/build`, { method: 'POST' }));
      drawPreview();
    } catch (err) {
      showError(err, state);
    } finally {
      buildBtn.disabled = false;
    }
  });
  ctx.events.addEventListener('building', () => put(state, h('p', { class: 'muted' }, 'Có tệp mới: đang lập lại báo cáo…')));
  ctx.events.addEventListener('built', async () => {
    const r = await api(`${base}/report`);
    if (r.last) drawBuilt(r.last);
    drawPreview();
  });

  const r = await api(`${base}/report`);
  if (r.last) drawBuilt(r.last);
  else drawOutputs(r.outputs);
  if (r.outputs.length) drawPreview();
}

route();
