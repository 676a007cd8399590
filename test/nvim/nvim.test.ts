/**
 * An independent LSP client: Neovim 0.7.2 from Debian (`apt-get install neovim`), headless, drives the built
 * server with `vim.lsp.start_client` (test/nvim/client.lua). Neovim 0.7 has no pull diagnostics, so this is the
 * push path end to end: diagnostics pushed and stored by Neovim, document symbols, hover, an incremental edit
 * that fixes a total (a new push without it), typing in prose (no push: the diagnostics did not change), and edits after the astral character 𠮷 (Neovim counts bytes,
 * the wire carries UTF-16: the server's text must match the buffer).
 *
 * Installs Neovim when it is missing and the test runs as root (CI); otherwise skips, saying why.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DocumentSymbol, Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { corpusFile, ensureBuilt, SERVER } from '../lsp/harness';

function hasNvim(): boolean {
  return spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;
}

function ensureNvim(): string | null {
  if (hasNvim()) return null;
  if (process.getuid?.() !== 0) return 'Neovim is not installed and the test is not running as root; install it with `apt-get install -y neovim` to run this test';
  const install = () => spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'neovim'], { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  let r = install();
  if (r.status !== 0) {
    spawnSync('apt-get', ['update'], { encoding: 'utf8' });
    r = install();
  }
  if (!hasNvim()) throw new Error(`apt-get install neovim failed:\n${r.stdout}\n${r.stderr}`);
  return null;
}

const skip = ensureNvim();

interface Out {
  errors: string[];
  pushes: PublishDiagnosticsParams[];
  stored: number;
  has_diagnostic_provider: boolean;
  symbols: DocumentSymbol[];
  hover: Hover;
  after_fix: PublishDiagnosticsParams;
  line0: string;
  symbols_after_edit: DocumentSymbol[];
  hover_after_typing: Hover;
  pushes_after_typing: number;
  stored_after_typing: number;
}

test('Neovim 0.7 (push diagnostics, documentSymbol, hover, incremental edits with 𠮷)', { skip: skip ?? false, timeout: 120_000 }, async () => {
  ensureBuilt();
  const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xxgknb-nvim-'));
  try {
    // A writable copy of a corpus report (Neovim warns when editing a read-only file).
    const file = path.join(dir, '2023-huaian-hongze-district-pdftext.txt');
    fs.writeFileSync(file, corpusFile('real/2023-huaian-hongze-district-pdftext.txt').text);
    const outFile = path.join(dir, 'out.json');
    const lua = path.join(__dirname, 'client.lua');
    const code = await new Promise<number | null>((resolve, reject) => {
      const p = spawn('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-c', `luafile ${lua}`], {
        cwd: dir, env: { ...process.env, XXGKNB_SERVER: SERVER, XXGKNB_FILE: file, XXGKNB_OUT: outFile }, stdio: ['ignore', 'pipe', 'pipe'],
      });
      const timer = setTimeout(() => { p.kill('SIGKILL'); reject(new Error('nvim timed out')); }, 90_000);
      p.on('exit', (c) => { clearTimeout(timer); resolve(c); });
    });
    assert.equal(code, 0, `${version} exited with ${code}`);
    const out = JSON.parse(fs.readFileSync(outFile, 'utf8')) as Out;
    assert.deepEqual(out.errors, []);

    // Neovim 0.7 does not advertise pull diagnostics, so the server pushes and declares no diagnosticProvider.
    assert.equal(out.has_diagnostic_provider, false);
    const first = out.pushes[0]!;
    const total = first.diagnostics.find((d) => d.code === 't4-total' && d.range.start.line === 111 && d.range.start.character === 9);
    assert.ok(total, JSON.stringify(first.diagnostics.map((d) => d.code)));
    assert.equal(total.severity, 1);
    assert.equal(total.source, 'xxgknb');
    assert.equal(out.stored, first.diagnostics.length, 'Neovim stored the pushed diagnostics');

    assert.deepEqual(out.symbols.map((s) => s.name), [
      '洪泽区人民政府2023 年政府信息公开工作年度报告', '一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项',
    ]);
    assert.equal(out.symbols[1]!.children!.length, 5);

    const hover = (out.hover.contents as { kind: string; value: string });
    assert.equal(hover.kind, 'markdown');
    assert.match(hover.value, /行政复议 × 总计/);
    assert.match(hover.value, /0 = 10 \+ 1 \+ 0 \+ 0 ✗/);

    // After the incremental edit 0 → 11 the 行政复议 total is fine; 复议后起诉 (now one column later) still is not.
    const fixed = out.after_fix;
    assert.ok(fixed.version! > (first.version ?? 0));
    assert.ok(!fixed.diagnostics.some((d) => d.code === 't4-total' && d.range.start.character === 9));
    assert.ok(fixed.diagnostics.some((d) => d.code === 't4-total' && d.range.start.line === 111 && d.range.start.character === 30));

    // Typing two characters in prose changed no diagnostic: nothing pushed, Neovim still shows the fixed ones.
    assert.match((out.hover_after_typing.contents as { value: string }).value, /11 = 10 \+ 1 \+ 0 \+ 0 ✓/);
    assert.equal(out.pushes_after_typing, 0);
    assert.equal(out.stored_after_typing, fixed.diagnostics.length);

    // Edits after 𠮷: the server's title is the buffer's first line, and its range ends where the line does.
    assert.ok(out.line0.startsWith('𠮷洪𠮷泽区'), out.line0);
    const title = out.symbols_after_edit[0]!;
    assert.equal(title.name, `${out.line0}2023 年政府信息公开工作年度报告`);
    assert.equal(title.selectionRange.start.character, 0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
