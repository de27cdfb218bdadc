// Arabic inside stanzas (agent names, reason labels, chat bodies) keeps its place in the summaries the editor shows:
// each right-to-left value sits in an isolate (U+2068 … U+2069), so the digits, JIDs and arrows around it stay put.
import assert from 'node:assert/strict';
import { decodeFragment } from '../../../src/core/decode';
import { describeDecoded } from '../../../src/core/describe';
import { findInText } from '../../../src/core/find/finder';
import { FSI, PDI, formatMessage, isolatingTranslator, setTranslator } from '../../../src/core/l10n';
import { hoverAt } from '../../../src/features/hover/hover-content';
import { fixture } from '../fixtures';

const LOG = fixture('rtl/openfire-arabic.log');
const lines = LOG.split('\n');
const text = { lineCount: lines.length, lineAt: (n: number) => lines[n] };
const summaries = () => findInText(LOG).map((f) => describeDecoded(decodeFragment(f)).summary);

describe('right-to-left values in summaries and hovers', () => {
  afterEach(() => setTranslator(undefined));

  it('isolates the Arabic reason label of a Finesse User update, and nothing Latin around it', () => {
    setTranslator(isolatingTranslator(formatMessage));
    const [update] = summaries();
    assert.equal(update, `User 47483650 → NOT_READY, reason 12 “${FSI}استراحة الغداء${PDI}” (PUT)`);
  });

  it('isolates an Arabic chat body mixed with numbers and a Latin JID inside its quotes', () => {
    setTranslator(isolatingTranslator(formatMessage));
    const chat = summaries()[1];
    assert.equal(chat, `message chat 47483650@fin1.ucce.local/desktop → supervisor7@fin1.ucce.local id chat-4711: “${FSI}مرحبا، الطلب رقم 4711 من agent2@fin1.ucce.local جاهز منذ 09:10${PDI}” · BOSH rid 1867301452 sid a9c3e7f1`);
  });

  it('adds no marks where no translator is installed: the CLI prints the text as the log has it', () => {
    const joined = summaries().join('\n');
    assert.ok(joined.includes('“استراحة الغداء”'));
    assert.ok(!joined.includes(FSI) && !joined.includes(PDI));
  });

  it('keeps the isolates in the hover markdown, around the values only', () => {
    setTranslator(isolatingTranslator(formatMessage));
    const update = hoverAt(text, 0, 300)!;
    const title = update.markdown.split('\n\n')[0];
    assert.equal(title, `**User 47483650 → NOT\\_READY, reason 12 “${FSI}استراحة الغداء${PDI}” \\(PUT\\)**`);
    const chat = hoverAt(text, 1, 300)!;
    const head = chat.markdown.split('\n\n')[0];
    assert.ok(head.includes(`“${FSI}مرحبا، الطلب رقم 4711 من agent2@fin1\\.ucce\\.local جاهز منذ 09:10${PDI}”`), head);
    // Every isolate opened is closed, so nothing after it in the hover is laid out inside it.
    for (const md of [update.markdown, chat.markdown]) assert.equal(md.split(FSI).length, md.split(PDI).length);
  });
});
