// The service-graph page: reads the map (embedded, or from the JSON API beside the page), lays it out in columns
// (callers left of the services they call) and draws it as SVG; a click on a service shows its endpoints.
(function () {
  'use strict';

  const SVG = 'http://www.w3.org/2000/svg';
  const NODE_W = 190, NODE_H = 58, COLUMN = 360, ROW = 100, MARGIN = 30;

  const embeddedElement = document.getElementById('mesh-data');
  const embedded = embeddedElement ? JSON.parse(embeddedElement.textContent) : null;
  const params = new URLSearchParams(window.location.search);
  const base = embedded ? embedded.map.base : params.get('base');
  const query = base ? '?base=' + encodeURIComponent(base) : '';

  async function getJson(url) {
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    const body = await response.json().catch(() => null);
    if (!response.ok) throw new Error((body && body.error) || (url + ': HTTP ' + response.status));
    return body;
  }

  const loadMap = () => embedded ? Promise.resolve(embedded.map) : getJson('api/graph' + query);
  const loadDetail = repo => embedded
    ? Promise.resolve(embedded.details.find(d => d.repo === repo))
    : getJson('api/repos/' + encodeURIComponent(repo) + '/endpoints' + query);

  function el(name, attributes, text) {
    const node = name.startsWith('svg:') ? document.createElementNS(SVG, name.slice(4)) : document.createElement(name);
    for (const [key, value] of Object.entries(attributes || {})) if (value !== undefined && value !== null) node.setAttribute(key, value);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  const byName = (a, b) => a < b ? -1 : a > b ? 1 : 0;
  const plural = (n, word) => n + ' ' + word + (n === 1 ? '' : 's');

  // Columns by longest path over the edges that a depth-first walk (in name order) does not close into a cycle;
  // then a few barycentre sweeps order each column. Same input, same picture.
  function layout(services, edges) {
    const names = services.map(s => s.name).sort(byName);
    const out = new Map(names.map(n => [n, []]));
    for (const e of edges) if (e.from !== e.to && out.has(e.from) && out.has(e.to)) out.get(e.from).push(e.to);
    for (const list of out.values()) list.sort(byName);

    const state = new Map(), forward = [];
    const visit = n => {
      state.set(n, 1);
      for (const m of out.get(n)) {
        if (!state.has(m)) { forward.push([n, m]); visit(m); }
        else if (state.get(m) === 2) forward.push([n, m]);
      }
      state.set(n, 2);
    };
    for (const n of names) if (!state.has(n)) visit(n);

    const column = new Map(names.map(n => [n, 0]));
    for (let changed = true, rounds = 0; changed && rounds <= names.length; rounds++) {
      changed = false;
      for (const [a, b] of forward) if (column.get(b) < column.get(a) + 1) { column.set(b, column.get(a) + 1); changed = true; }
    }

    const columns = [];
    for (const n of names) (columns[column.get(n)] = columns[column.get(n)] || []).push(n);
    const row = new Map();
    const place = () => columns.forEach(c => c.forEach((n, i) => row.set(n, i)));
    place();
    const neighbours = new Map(names.map(n => [n, []]));
    for (const [a, b] of forward) { neighbours.get(a).push(b); neighbours.get(b).push(a); }
    for (let sweep = 0; sweep < 4; sweep++) {
      for (const c of columns) {
        const centre = n => {
          const others = neighbours.get(n);
          // Services with no calls either way go to the bottom of their column, out of the way of the arrows.
          return others.length ? others.reduce((sum, m) => sum + row.get(m), 0) / others.length : Infinity;
        };
        const keys = new Map(c.map(n => [n, centre(n)]));
        c.sort((a, b) => (keys.get(a) === keys.get(b) ? 0 : keys.get(a) - keys.get(b)) || byName(a, b));
      }
      place();
    }

    const height = Math.max(1, ...columns.map(c => c.length));
    const positions = new Map();
    columns.forEach((c, x) => c.forEach((n, y) => {
      const offset = (height - c.length) * ROW / 2;
      positions.set(n, { x: MARGIN + x * COLUMN, y: MARGIN + offset + y * ROW });
    }));
    return { positions, width: MARGIN * 2 + (columns.length - 1) * COLUMN + NODE_W, height: MARGIN * 2 + (height - 1) * ROW + NODE_H + 20 };
  }

  // Where the line from a box's centre towards (dx, dy) leaves the box.
  function border(p, dx, dy) {
    const hw = NODE_W / 2, hh = NODE_H / 2;
    const t = Math.min(dx ? hw / Math.abs(dx) : Infinity, dy ? hh / Math.abs(dy) : Infinity);
    return { x: p.x + hw + dx * t, y: p.y + hh + dy * t };
  }

  function edgePath(from, to) {
    if (from === to) {
      const x = from.x + NODE_W - 40, y = from.y;
      return { d: `M${x},${y} C${x - 10},${y - 45} ${x + 40},${y - 45} ${x + 30},${y}`, label: { x: x + 15, y: y - 38 }, points: [{ x: x - 10, y: y - 50 }, { x: x + 40, y }] };
    }
    const dx = to.x - from.x, dy = to.y - from.y, length = Math.hypot(dx, dy) || 1;
    const start = border(from, dx, dy), end = border(to, -dx, -dy);
    // Bend every edge to its left, so a call each way between two services draws two separate curves; an edge that
    // skips a column bends far enough to pass over the services between (a quadratic curve reaches half its bend).
    const bend = length > COLUMN * 1.5 ? 2 * (NODE_H / 2 + 24) + 0.05 * length : 28, mx = (start.x + end.x) / 2, my = (start.y + end.y) / 2;
    const cx = mx + (dy / length) * bend, cy = my - (dx / length) * bend;
    // The count sits nearer the caller: many callers of one service would stack their counts by its box.
    const at = (a, c, b, t) => (1 - t) * (1 - t) * a + 2 * t * (1 - t) * c + t * t * b;
    return { d: `M${start.x},${start.y} Q${cx},${cy} ${end.x},${end.y}`, label: { x: at(start.x, cx, end.x, 0.3), y: at(start.y, cy, end.y, 0.3) }, points: [start, { x: cx, y: cy }, end] };
  }

  function drawGraph(map) {
    const container = document.getElementById('graph');
    container.replaceChildren();
    if (map.services.length === 0) {
      container.append(el('p', { class: 'hint' }, 'The index has no repos yet: run mesh index.'));
      return;
    }
    const { positions, width, height } = layout(map.services, map.edges);
    const drawn = map.edges.filter(e => positions.has(e.from) && positions.has(e.to)).map(e => ({ edge: e, ...edgePath(positions.get(e.from), positions.get(e.to)) }));
    // The picture's bounds: every box, and every curve's control points (a curve stays inside them).
    let left = 0, top = 0, right = width, bottom = height;
    for (const p of drawn.flatMap(d => d.points)) {
      left = Math.min(left, p.x - MARGIN); top = Math.min(top, p.y - MARGIN);
      right = Math.max(right, p.x + MARGIN); bottom = Math.max(bottom, p.y + MARGIN);
    }
    const svg = el('svg:svg', { width: right - left, height: bottom - top, viewBox: `${left} ${top} ${right - left} ${bottom - top}`, role: 'img', 'aria-label': 'services and the calls between them' });
    const defs = el('svg:defs');
    for (const [id, colour] of [['arrow', '#8a94a6'], ['arrow-bad', '#c62828']]) {
      const marker = el('svg:marker', { id, viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
      marker.append(el('svg:path', { d: 'M0,0 L10,5 L0,10 z', fill: colour }));
      defs.append(marker);
    }
    svg.append(defs);

    // Counts go on a layer above the boxes, so a curve passing behind a box keeps its count readable.
    const labels = el('svg:g', { class: 'edge-labels' });
    for (const { edge, d, label } of drawn) {
      const bad = edge.breaking > 0;
      const g = el('svg:g', { class: 'edge' + (bad ? ' breaking' : ''), 'data-from': edge.from, 'data-to': edge.to, 'data-calls': edge.calls });
      g.append(el('svg:title', {}, `${edge.from} → ${edge.to}: ${plural(edge.calls, 'call')}${bad ? `, ${edge.breaking} broken` : ''}`));
      g.append(el('svg:path', { d, 'marker-end': `url(#${bad ? 'arrow-bad' : 'arrow'})` }));
      labels.append(el('svg:text', { class: bad ? 'breaking' : null, x: label.x, y: label.y, 'text-anchor': 'middle', 'dominant-baseline': 'middle' },
        bad ? `${edge.calls} (${edge.breaking} broken)` : String(edge.calls)));
      svg.append(g);
    }

    for (const service of [...map.services].sort((a, b) => byName(a.name, b.name))) {
      const p = positions.get(service.name);
      const classes = ['node'];
      if (service.breaking > 0) classes.push('breaking');
      if (service.broken_calls > 0) classes.push('affected');
      const g = el('svg:g', { class: classes.join(' '), 'data-repo': service.name, transform: `translate(${p.x},${p.y})`, tabindex: 0, role: 'button',
        'aria-label': `${service.name}: ${plural(service.endpoints, 'endpoint')}, ${plural(service.call_sites, 'call site')}` });
      g.append(el('svg:rect', { width: NODE_W, height: NODE_H, rx: 8 }));
      g.append(el('svg:text', { class: 'name', x: 12, y: 22 }, service.name));
      g.append(el('svg:text', { class: 'counts', x: 12, y: 42 }, `${plural(service.endpoints, 'endpoint')} · ${plural(service.call_sites, 'call')}`));
      if (service.breaking > 0) g.append(el('svg:text', { class: 'badge', x: NODE_W - 10, y: 22, 'text-anchor': 'end' }, `${service.breaking} breaking`));
      else if (service.broken_calls > 0) g.append(el('svg:text', { class: 'badge', x: NODE_W - 10, y: 22, 'text-anchor': 'end' }, `${service.broken_calls} broken`));
      const open = () => select(service.name);
      g.addEventListener('click', open);
      g.addEventListener('keydown', e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(); } });
      svg.append(g);
    }
    svg.append(labels);
    container.append(svg);
  }

  const where = (file, line) => el('span', { class: 'where' }, `${file}:${line}`);
  const level = value => value ? el('span', { class: 'level-' + value }, value.toUpperCase() + ' ') : document.createTextNode('');

  async function select(repo) {
    for (const node of document.querySelectorAll('.node')) node.classList.toggle('selected', node.dataset.repo === repo);
    const panel = document.getElementById('detail');
    panel.dataset.repo = '';
    panel.replaceChildren(el('p', { class: 'hint' }, 'Loading ' + repo + '…'));
    let detail;
    try {
      detail = await loadDetail(repo);
    } catch (e) {
      panel.replaceChildren(el('p', { class: 'level-err' }, e.message));
      return;
    }
    const parts = [el('h2', {}, detail.repo)];
    const endpoints = detail.endpoints;
    parts.push(el('p', { class: 'note' }, `${plural(endpoints.length, 'endpoint')}, ${plural(endpoints.reduce((n, e) => n + e.consumers.length, 0), 'linked call')}`));
    for (const note of detail.notes) parts.push(el('p', { class: 'note' }, note));

    if (detail.base) {
      parts.push(el('h3', {}, `Changes against ${detail.base}`));
      if (detail.changes.length === 0) parts.push(el('p', { class: 'note' }, 'No API changes.'));
      const changes = el('ul', { class: 'changes' });
      for (const change of detail.changes) {
        const item = el('li', { class: 'change' });
        item.append(level(change.effective_level), el('span', { class: 'method' }, change.method), el('code', {}, change.path), document.createTextNode(' — ' + change.message));
        const affected = el('ul', { class: 'consumers' });
        for (const a of change.affected) {
          const li = el('li');
          li.append(level(a.level), document.createTextNode(a.repo + ' '), where(a.file, a.line));
          affected.append(li);
        }
        if (change.affected.length) item.append(affected);
        changes.append(item);
      }
      parts.push(changes);
    }

    parts.push(el('h3', {}, 'Endpoints'));
    if (endpoints.length === 0) parts.push(el('p', { class: 'note' }, 'This repo provides no endpoints Mesh found.'));
    const list = el('ul', { class: 'endpoints' });
    for (const endpoint of endpoints) {
      const item = el('li', { class: 'endpoint', 'data-endpoint': endpoint.id });
      item.append(level(endpoint.changed), el('span', { class: 'method' }, endpoint.method), el('code', {}, endpoint.path), document.createTextNode(' '), where(endpoint.file, endpoint.line));
      if (endpoint.deprecated) item.append(el('span', { class: 'note' }, ' (deprecated)'));
      const consumers = el('ul', { class: 'consumers' });
      for (const c of endpoint.consumers) {
        const li = el('li', { class: 'consumer' });
        li.append(level(c.level), document.createTextNode(c.repo + ' '), where(c.file, c.line), document.createTextNode(` ${c.url}${c.is_test ? ' (test)' : ''} · score ${c.score.toFixed(2)}`));
        li.title = c.reason;
        consumers.append(li);
      }
      if (endpoint.consumers.length === 0) consumers.append(el('li', { class: 'note' }, 'no linked consumers'));
      item.append(consumers);
      list.append(item);
    }
    parts.push(list);
    panel.replaceChildren(...parts);
    panel.dataset.repo = repo;
  }

  function summarize(map) {
    const calls = map.edges.reduce((n, e) => n + e.calls, 0);
    const text = [`${plural(map.services.length, 'service')}, ${plural(calls, 'linked call')}`];
    if (map.base) {
      const breaking = map.services.reduce((n, s) => n + s.breaking, 0);
      const broken = map.edges.reduce((n, e) => n + e.breaking, 0);
      text.push(`against ${map.base}: ${plural(breaking, 'breaking change')}, ${plural(broken, 'broken call')}`);
    }
    const summary = document.getElementById('summary');
    summary.textContent = text.join(' · ');
    // One line per repo that could not be diffed would crowd the header: count them, details on hover.
    if (map.notes.length) summary.append(el('span', { class: 'note', title: map.notes.join('\n') }, ` · ${plural(map.notes.length, 'repo')} not diffed`));
  }

  async function start() {
    if (!embedded) {
      const form = document.getElementById('base-form');
      form.hidden = false;
      document.getElementById('base-input').value = base || '';
    }
    try {
      const map = await loadMap();
      summarize(map);
      drawGraph(map);
      document.body.dataset.state = 'ready';
    } catch (e) {
      const error = document.getElementById('error');
      error.hidden = false;
      error.textContent = 'Could not load the graph: ' + e.message;
      document.body.dataset.state = 'error';
    }
  }

  start();
})();
