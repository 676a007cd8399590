// The language server's frame reader (server/src/lsp/framing.ts): frames pass as sent, however the bytes are cut into
// chunks; bytes between frames that are no header (a line break after each message, a frame with a bad header) are
// skipped to the next Content-Length instead of leaving vscode-jsonrpc's reader stuck for good.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { FrameReader } from '../../server/src/lsp/framing';

const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

/** What the reader gives for the input cut at `cuts`, and what it said it skipped. */
function read(input: Buffer, cuts: number[]): { out: string; problems: string[] } {
  const reader = new FrameReader();
  const problems: string[] = [];
  reader.onProblem = (m) => problems.push(m);
  const chunks: Buffer[] = [];
  reader.on('data', (c: Buffer) => chunks.push(c));
  let at = 0;
  for (const cut of [...cuts.filter((c) => c > 0 && c < input.length)].sort((a, b) => a - b).concat(input.length)) {
    if (cut > at) reader.write(input.subarray(at, cut));
    at = Math.max(at, cut);
  }
  reader.end();
  return { out: Buffer.concat(chunks).toString('utf8'), problems };
}

test('well-formed frames pass unchanged, however the input is cut', () => {
  const bodies = ['{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}', '{"text":"年报 表三 ✓ 𠀀"}', '', '{}'];
  const input = Buffer.from(bodies.map(frame).join('') + 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n' + frame('{"a":1}'));
  fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: input.length }), { maxLength: 40 }), (cuts) => {
    const { out, problems } = read(input, cuts);
    assert.equal(out, input.toString('utf8'));
    assert.deepEqual(problems, []);
  }));
  const { out } = read(input, Array.from({ length: input.length }, (_, i) => i));
  assert.equal(out, input.toString('utf8'), 'byte by byte');
});

test('bytes between frames that are no header are skipped to the next frame, and said so', () => {
  const bodies = ['{"id":1}', '{"id":2,"t":"说明"}', '{"id":3}'];
  // A line break after each message (some clients), a frame with a negative length, one without a Content-Length, one
  // whose header ends with bare LFs (read), text that is no frame at all.
  const input = Buffer.from(
    frame(bodies[0]!) + '\r\n' + 'Content-Length: -5\r\n\r\n{"x":1}' + 'Content-Type: x\r\n\r\n{"y":2}' +
    `Content-Length: ${Buffer.byteLength(bodies[1]!)}\n\n${bodies[1]}` + '\n' + 'garbage, no frame\r\n\r\n' + frame(bodies[2]!) + '\r\n',
  );
  const expected = frame(bodies[0]!) + frame(bodies[1]!) + frame(bodies[2]!);
  for (const cuts of [[], [3, 40, 41, 80, 120], Array.from({ length: input.length }, (_, i) => i)]) {
    const { out, problems } = read(input, cuts);
    assert.equal(out, expected, JSON.stringify(cuts.length));
    assert.ok(problems.length >= 2 && problems.every((p) => /bytes of input that are no message skipped/.test(p)), JSON.stringify(problems));
  }
});

test('random frames with random junk between them (junk that holds no Content-Length): every frame comes through, in order', () => {
  const junk = fc.string({ unit: fc.constantFrom('x', '{', '}', '\r', '\n', ' ', ':', '-', '0', '9', 'C', '年'), maxLength: 30 });
  const body = fc.string({ unit: fc.constantFrom('a', '"', '{', '}', '\r', '\n', ':', '表', '0', ' '), maxLength: 40 });
  fc.assert(fc.property(fc.array(fc.tuple(junk, body), { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { maxLength: 20 }), (parts, cutSeeds) => {
    const input = Buffer.from(parts.map(([j, b]) => j + frame(b)).join(''));
    const { out } = read(input, cutSeeds.map((c) => c % (input.length + 1)));
    assert.deepEqual(strictBodies(out), parts.map(([, b]) => b));
  }), { numRuns: 500 });
});

/** The bodies of frames as vscode-jsonrpc reads them: CRLF header lines, each with a colon, one Content-Length. */
function strictBodies(s: string): string[] {
  const out: string[] = [];
  let rest = Buffer.from(s);
  while (rest.length) {
    const end = rest.indexOf('\r\n\r\n');
    assert.ok(end >= 0, `no header end in ${JSON.stringify(rest.toString())}`);
    const lines = rest.subarray(0, end).toString('latin1').split('\r\n');
    assert.ok(lines.every((l) => l.includes(':')), JSON.stringify(lines));
    const lengths = new Set(lines.filter((l) => /^content-length:/i.test(l)).map((l) => Number(l.split(':')[1])));
    assert.equal(lengths.size, 1, JSON.stringify(lines));
    const length = [...lengths][0]!;
    out.push(rest.subarray(end + 4, end + 4 + length).toString('utf8'));
    rest = rest.subarray(end + 4 + length);
  }
  return out;
}

test('Content-Length lines that disagree make no header (as in HTTP); the frames after it come through', () => {
  const body = '{"jsonrpc":"2.0","method":"x"}';
  // (vscode-jsonrpc took the last of the two, and the reader was stuck for good on what followed.)
  const input = Buffer.from(`Content-Length: ${body.length}\r\nContent-Length: ${body.length + 2}\r\n\r\n${body}` + frame('{"id":2}') + frame('{"id":3}'));
  const bodies = strictBodies(read(input, []).out);
  assert.ok(!bodies.includes(body), JSON.stringify(bodies));
  assert.deepEqual(bodies.slice(-1), ['{"id":3}']);
  const agreeing = Buffer.from(`Content-Length: ${body.length}\r\ncontent-length: ${body.length}\r\n\r\n${body}`);
  assert.deepEqual(strictBodies(read(agreeing, []).out), [body], 'two that agree are one');
});

test('long junk: a frame right after 8 KB of it, or after megabytes of "Content-Length:" with no line break, still comes through; twenty skips are said, no more', () => {
  for (const junk of ['x'.repeat(8180), 'x'.repeat(9000), 'Content-Length:'.repeat(300_000), 'Content-Length: 1\r\n'.repeat(50_000)]) {
    const { out, problems } = read(Buffer.from(junk + frame('{"id":1}')), [junk.length >> 1]);
    assert.deepEqual(strictBodies(out).slice(-1), ['{"id":1}'], `${junk.slice(0, 20)}… (${junk.length})`);
    assert.ok(problems.length <= 20, String(problems.length));
  }
});
