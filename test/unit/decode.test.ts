// Bytes → text for files read from disk (spec §6.1: old sites in GBK/GB2312 with <meta charset=gb2312>).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import * as iconv from 'iconv-lite';
import { decode, encode, isBinary } from '../../server/src/core/text/decode';
import { REAL } from './helpers';

const REPORT = readFileSync(`${REAL}/2024-huaian-hongze-district-tsv.txt`, 'utf8');
const HEAD = '淮安市洪泽区人民政府2024年政府信息公开工作年度报告\r\n一、总体情况\r\n（一）主动公开情况。“三安全一稳定”—— ①②\r\n';

describe('decode', () => {
  test('UTF-8 without BOM', () => {
    const r = decode(Buffer.from(REPORT, 'utf8'));
    assert.equal(r.encoding, 'utf-8');
    assert.equal(r.text, REPORT);
  });

  test('UTF-8 with BOM: the BOM is not part of the text', () => {
    const r = decode(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(HEAD, 'utf8')]));
    assert.equal(r.encoding, 'utf-8-bom');
    assert.equal(r.text, HEAD);
    assert.notEqual(r.text.charCodeAt(0), 0xfeff);
  });

  test('UTF-16 LE and BE with BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(HEAD, 'utf16le')]);
    assert.deepEqual(decode(le), { text: HEAD, encoding: 'utf-16le' });
    const be = Buffer.from(le);
    for (let i = 2; i + 1 < be.length; i += 2) { const t = be[i]!; be[i] = be[i + 1]!; be[i + 1] = t; }
    be[0] = 0xfe; be[1] = 0xff;
    assert.deepEqual(decode(be), { text: HEAD, encoding: 'utf-16be' });
  });

  test('a GBK-encoded report (no declaration) is detected and decoded exactly', () => {
    const bytes = iconv.encode(REPORT, 'gbk');
    // sanity: these bytes are not valid UTF-8, and not the UTF-8 bytes
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    const r = decode(bytes);
    assert.equal(r.encoding, 'gb18030');
    assert.equal(r.text, REPORT);
  });

  test('GB18030 four-byte characters (𠮷) survive', () => {
    const text = '𠮷县人民政府2021年政府信息公开工作年度报告\n';
    const r = decode(iconv.encode(text, 'gb18030'));
    assert.equal(r.text, text);
  });

  test('HTML declaring <meta charset=gb2312> (and the http-equiv form) is decoded as GB', () => {
    const body = '<p>某县人民政府2013年政府信息公开工作年度报告</p><p>一、概述</p>';
    for (const meta of ['<meta charset=gb2312>', '<meta charset="GB2312">', '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "<meta http-equiv='content-type' content='text/html;charset=GBK'>"]) {
      const html = `<!DOCTYPE html><html><head>${meta}<title>年报</title></head><body>${body}</body></html>`;
      const r = decode(iconv.encode(html, 'gbk'));
      assert.equal(r.encoding, 'gb18030', meta);
      assert.equal(r.text, html, meta);
    }
  });

  test('a UTF-8 page that still declares a GB charset (re-encoded by a crawler or "save page") is read as UTF-8', () => {
    // The same page in GBK keeps being read as GB (above): GBK Chinese text is practically never valid UTF-8.
    for (const meta of ['<meta charset="gb2312">', '<meta http-equiv="Content-Type" content="text/html; charset=gbk">']) {
      const html = `<html><head>${meta}</head><body><p>${HEAD}</p></body></html>`;
      assert.deepEqual(decode(Buffer.from(html, 'utf8')), { text: html, encoding: 'utf-8' }, meta);
      assert.deepEqual(decode(iconv.encode(html, 'gbk')), { text: html, encoding: 'gb18030' }, meta);
    }
    // ASCII bytes read the same either way: the declared charset is kept, so that text a fix adds is written in it.
    assert.equal(decode(Buffer.from('<html><head><meta charset="gb2312"></head><body><p>2023</p></body></html>')).encoding, 'gb18030');
  });

  test('HTML declaring utf-8 stays UTF-8', () => {
    const html = `<html><head><meta charset="utf-8"></head><body><p>${HEAD}</p></body></html>`;
    assert.deepEqual(decode(Buffer.from(html, 'utf8')), { text: html, encoding: 'utf-8' });
  });

  test('a UTF-8 report with one broken byte sequence is still read as UTF-8, not as GB18030 mojibake', () => {
      const bytes = Buffer.concat([Buffer.from(REPORT, 'utf8'), Buffer.from([0xe4, 0xb8])]);
      const r = decode(bytes);
      assert.ok(r.text.startsWith(REPORT.slice(0, 200)), r.text.slice(0, 40));
    });

  test('encode() is the inverse of decode() for every encoding', () => {
    for (const enc of ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'gb18030'] as const) {
      const bytes = encode(HEAD, enc);
      const r = decode(bytes);
      assert.equal(r.text, HEAD, enc);
      assert.equal(r.encoding, enc, enc);
    }
  });
});

describe('isBinary', () => {
  test('text in every supported encoding is not binary', () => {
    assert.equal(isBinary(Buffer.from(REPORT, 'utf8')), false);
    assert.equal(isBinary(iconv.encode(REPORT, 'gbk')), false);
    assert.equal(isBinary(encode(HEAD, 'utf-16le')), false);
    assert.equal(isBinary(encode(HEAD, 'utf-16be')), false);
    assert.equal(isBinary(new Uint8Array(0)), false);
    // tabs, CR, LF and form feeds are text
    assert.equal(isBinary(Buffer.from('a\tb\r\nc\fd\n'.repeat(100), 'utf8')), false);
  });

  test('PDF, zip (docx), PNG and NUL-laden data are binary', () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 64 >>\nstream\n', 'latin1'), Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 37) % 256))]);
    assert.equal(isBinary(pdf), true);
    assert.equal(isBinary(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00])), true);
    assert.equal(isBinary(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52])), true);
    // control characters without NUL, above 10 %
    assert.equal(isBinary(new Uint8Array(Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41)))), true);
  });
});

describe('the VS Code client reads files as the CLI does', () => {
  // The encoding is decided by the same code. The GB18030 text itself comes from two decoders: the platform's (ICU,
  // GB18030-2022) and iconv-lite (GB18030-2005), which map 18 rare codes differently (e.g. A6 D9: ︐ vs U+E78D) and end
  // a file cut inside a four-byte character differently; no report uses those, and these samples do not.
  test('decodeText (client) reads every kind of file as decode (CLI) does: same encoding decision', async () => {
    const { decodeText } = await import('../../client/src/files');
    const { readdirSync } = await import('node:fs');
    const samples: [string, Uint8Array][] = [
      ['GBK report', iconv.encode(REPORT, 'gbk')],
      ['GB18030 with 𠮷', iconv.encode(HEAD + '𠮷', 'gb18030')],
      ['truncated UTF-8', Buffer.concat([Buffer.from(REPORT, 'utf8'), Buffer.from([0xe4, 0xb8])])],
      ['page declaring gb2312', iconv.encode(`<html><head><meta charset="gb2312"></head><body><p>${HEAD}</p></body></html>`, 'gbk')],
      ['UTF-8 page declaring gb2312', Buffer.from(`<html><head><meta charset="gb2312"></head><body><p>${HEAD}</p></body></html>`, 'utf8')],
      ...(['utf-8-bom', 'utf-16le', 'utf-16be'] as const).map((e): [string, Uint8Array] => [e, encode(HEAD, e)]),
      ...readdirSync(REAL).filter((f) => f !== 'MANIFEST.tsv').map((f): [string, Uint8Array] => [f, readFileSync(`${REAL}/${f}`)]),
    ];
    for (const [name, bytes] of samples) assert.equal(decodeText(bytes), decode(bytes).text, name);
  });
});

