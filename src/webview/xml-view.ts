// The decoded tree as coloured, foldable XML. Every name, value and text goes in via
// textContent; each element decoded from escaped text is framed and labelled with its layer.
import type { XmlNodeView } from '../protocol';
import { h } from './element-builder';
import { l10n } from './l10n';

/** Elements deeper than this start folded, so a huge roster opens readable. */
const OPEN_DEPTH = 12;

export function renderXml(root: XmlNodeView): HTMLElement {
  return h('div', { class: 'xml', attrs: { role: 'tree' } }, renderNode(root, 0, 0));
}

function renderNode(n: XmlNodeView, depth: number, parentLayer: number): HTMLElement {
  const kids = n.children;
  const elementKids = kids.filter((c): c is XmlNodeView => typeof c !== 'string');
  const textOnly = elementKids.length === 0;
  const box = h('div', { class: 'el', attrs: { role: 'treeitem' } });

  if (textOnly) {
    const text = kids.join('');
    box.append(h('div', { class: 'line' }, h('span', { class: 'fold-space' }), ...openTag(n, text === ''), text !== '' && textSpan(text), text !== '' && closeTag(n)));
  } else {
    const toggle = h('button', { class: 'fold', title: l10n.t('Fold or unfold this element'), attrs: { 'aria-expanded': 'true', type: 'button' } }, '▾');
    const inner = h('div', { class: 'children' });
    for (const c of kids) inner.append(typeof c === 'string' ? h('div', { class: 'line text-line' }, textSpan(c.trim())) : renderNode(c, depth + 1, n.layer));
    const ellipsis = h('span', { class: 'folded-mark', title: `${elementKids.length} child element${elementKids.length > 1 ? 's' : ''}` }, '…');
    const close = h('div', { class: 'line close' }, h('span', { class: 'fold-space' }), closeTag(n));
    box.append(h('div', { class: 'line' }, toggle, ...openTag(n, false), ellipsis), inner, close);
    const setOpen = (open: boolean) => {
      box.classList.toggle('folded', !open);
      toggle.textContent = open ? '▾' : '▸';
      toggle.setAttribute('aria-expanded', String(open));
    };
    toggle.addEventListener('click', () => setOpen(box.classList.contains('folded')));
    if (depth >= OPEN_DEPTH) setOpen(false);
  }

  if (n.layer > parentLayer) {
    const frame = h('div', { class: `layer layer-${Math.min(n.layer, 4)}`, attrs: { 'data-layer': String(n.layer) } });
    frame.append(h('div', { class: 'layer-mark' }, l10n.t('decoded from escaped text, layer {0}', n.layer)), box);
    return frame;
  }
  return box;
}

function openTag(n: XmlNodeView, selfClosing: boolean): Node[] {
  const parts: Node[] = [punct('<'), span('tag', n.name)];
  for (const [k, v] of n.attrs) {
    parts.push(document.createTextNode(' '), span('attr', k), punct('="'), auto(span('value', escapeAttr(v))), punct('"'));
  }
  parts.push(punct(selfClosing ? '/>' : '>'));
  return parts;
}

function closeTag(n: XmlNodeView): HTMLElement {
  return h('span', {}, punct('</'), span('tag', n.name), punct('>'));
}

function textSpan(t: string): HTMLElement {
  // Shown as XML would write it, so text that looks like markup reads as text.
  return auto(span('text', t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')));
}

/** Text and values in their own direction, isolated: an Arabic body reads right to left between its tags. */
function auto(el: HTMLElement): HTMLElement {
  el.dir = 'auto';
  return el;
}

function span(cls: string, t: string): HTMLElement {
  return h('span', { class: cls }, t);
}

function punct(t: string): HTMLElement {
  return span('punct', t);
}

function escapeAttr(v: string): string {
  return v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
