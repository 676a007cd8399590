// The plain-text view of HTML (spec §6.1): blocks → lines, table rows → tab-separated lines, entities decoded
// (&nbsp; is a space, so an &nbsp; cell is blank), scripts and styles dropped — with every unit mapped back.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseReport } from '../../server/src/core/index';
import { htmlToText, looksLikeHtmlDocument, renderEmbeddedTables } from '../../server/src/core/text/html';
import { normalizeForMatching, toSourceEnd, type FlatMappedText } from '../../server/src/core/text/normalize';

function assertWellFormed(src: string, m: FlatMappedText): void {
  assert.equal(m.origin.length, m.text.length + 1);
  for (let i = 0; i < m.text.length; i++) {
    assert.ok(m.origin[i]! >= 0 && m.origin[i]! < src.length, `origin[${i}] outside`);
    if (i) assert.ok(m.origin[i - 1]! <= m.origin[i]!, `origin decreases at ${i}`);
  }
}

/** Every letter/digit/CJK unit of the view is the very character at its origin (no entity there). */
function assertContentMapsBack(src: string, m: FlatMappedText): void {
  for (let i = 0; i < m.text.length; i++) {
    const ch = m.text[i]!;
    if (!/[\p{L}\p{N}]/u.test(ch)) continue;
    const o = m.origin[i]!;
    if (src[o] === '&') continue; // a decoded entity maps to its '&'
    assert.equal(src[o], ch, `unit ${i} ${JSON.stringify(ch)} maps to ${JSON.stringify(src.slice(o, o + 5))}`);
  }
}

describe('htmlToText', () => {
  test('block elements become lines, a table row becomes one tab-separated line', () => {
    const html = '<div><p>一、总体情况</p><p>正文。</p><table><tr><td>规章</td><td>1</td><td>0</td></tr><tr><td>行政规范性文件</td><td>2</td><td>3</td></tr></table><p>三、收到</p></div>';
    const m = htmlToText(html);
    assert.deepEqual(m.text.split('\n').filter((l) => l !== ''), ['一、总体情况', '正文。', '规章\t1\t0', '行政规范性文件\t2\t3', '三、收到']);
    assertWellFormed(html, m);
    assertContentMapsBack(html, m);
  });

  test('a row whose </tr> is left out (valid HTML) ends at the next row or where its table ends; the paragraphs after keep their lines', () => {
    const lines = (html: string) => htmlToText(html).text.split('\n').filter((l) => l !== '');
    const want = ['二、主动公开', '规章\t1\t0', '行政规范性文件\t\t', '三、收到和处理', '正文。'];
    const html = '<p>二、主动公开</p><table><tbody><tr><td>规章</td><td>1</td><td>0<tr><td>行政规范性文件</td><td></td><td></td></tbody></table><p>三、收到和处理</p><p>正文。</p>';
    assert.deepEqual(lines(html), want);
    assert.deepEqual(lines(html.replace('</tbody>', '')), want);
    assertWellFormed(html, htmlToText(html));
    // A report laid out in a table: the table inside a cell ends the row it is in, and the text after it has its lines.
    const layout = '<table><tr><td><p>二、主动公开</p><table><tr><td>规章</td><td>1</td></tr></table><p>三、收到和处理</p><p>正文。</p></td></tr></table>';
    assert.deepEqual(lines(layout).slice(-3), ['规章\t1', '三、收到和处理', '正文。']);
  });

  test('a page laid out in a table: the cell that holds the article keeps its paragraphs as lines; data cells keep one line', () => {
    const lines = (html: string) => htmlToText(html).text.split('\n').filter((l) => l.trim() !== '');
    const article = '<p>某县人民政府2023年政府信息公开工作年度报告</p><h2>一、总体情况</h2><p>（一）主动公开</p><p>本机关2023年主动公开政府信息120条，其中规章2件，规范性文件9件。</p><p>（二）依申请公开</p><p>本年新收申请5件。</p><p>二、主动公开政府信息情况</p>';
    const want = ['某县人民政府2023年政府信息公开工作年度报告', '一、总体情况', '（一）主动公开', '本机关2023年主动公开政府信息120条，其中规章2件，规范性文件9件。', '（二）依申请公开', '本年新收申请5件。', '二、主动公开政府信息情况'];
    assert.deepEqual(lines(`<table width="100%"><tr><td>${article}</td></tr></table>`), want);
    // Beside a navigation cell: each cell of that row is a block of its own, not a tab-separated value.
    const page = `<table><tr><td width="20%"><p>导航</p></td><td>${article}</td><td>页脚</td></tr></table>`;
    assert.deepEqual(lines(page), ['导航', ...want, '页脚']);
    assertWellFormed(page, htmlToText(page));
    assertContentMapsBack(page, htmlToText(page));
    // A cell that holds a table (the data table inside the article's cell) is a layout cell even with little text.
    assert.deepEqual(lines('<table><tr><td><p>二、主动公开</p><p>见下表</p><table><tr><td>规章</td><td>1</td></tr></table><p>三、收到</p></td></tr></table>'),
      ['二、主动公开', '见下表', '规章\t1', '三、收到']);
    // Data cells: Word's <p class=MsoNormal> in every cell, a label over two <p>, a vertical label written with <br>s.
    const word = (t: string) => `<td><p class=MsoNormal align=center><span lang=EN-US>${t}<o:p></o:p></span></p></td>`;
    assert.deepEqual(lines(`<table><tr>${word('规章')}${word('1')}${word('0')}</tr><tr><td><p>（二）部分公开</p><p>（区分处理的）</p></td>${word('3')}</tr>`
      + '<tr><td>三<br>、<br>本<br>年<br>度<br>办<br>理<br>结<br>果</td><td>（一）予以公开</td><td>4</td></tr></table>'),
      ['规章\t1\t0', '（二）部分公开（区分处理的）\t3', '三、本年度办理结果\t（一）予以公开\t4']);
  });

  test('&nbsp; and empty cells stay empty cells (blank, not 0); the number of tabs is the number of cells − 1', () => {
    const html = '<table><tr><td>规章</td><td>&nbsp;</td><td></td><td> 5 </td></tr></table>';
    const m = htmlToText(html);
    const line = m.text.split('\n').find((l) => l.startsWith('规章'))!;
    const cells = line.split('\t');
    assert.equal(cells.length, 4);
    assert.deepEqual(cells.map((c) => c.trim()), ['规章', '', '', '5']);
    assertWellFormed(html, m);
  });

  test('entities are decoded one by one, each decoded character mapped to its entity', () => {
    const html = '<p>A&amp;B &#20013;&#x6587; &lt;表&gt; &ldquo;三安全一稳定&rdquo; &unknownentity;</p>';
    const m = htmlToText(html);
    assert.equal(m.text.trim(), 'A&B 中文 <表> “三安全一稳定” &unknownentity;');
    assertWellFormed(html, m);
    const zh = m.text.indexOf('中');
    assert.equal(html.slice(m.origin[zh]!, m.origin[zh]! + 8), '&#20013;');
    const wen = m.text.indexOf('文');
    assert.equal(html.slice(m.origin[wen]!, m.origin[wen]! + 8), '&#x6587;');
  });

  test('scripts, styles, head and comments are dropped; <br> in a cell wraps its label, elsewhere it is a line break', () => {
    const html = '<html><head><title>标题</title><style>td{color:red}</style></head><body><script>var x = "一、总体情况";</script><!-- 二、注释 --><p>第一行<br>第二行</p><table><tr><td>本年新<br />制作数量</td><td>3</td></tr></table></body></html>';
    const m = htmlToText(html);
    assert.ok(!m.text.includes('color'));
    assert.ok(!m.text.includes('var x'));
    assert.ok(!m.text.includes('注释'));
    assert.ok(!m.text.includes('标题'), 'head content is not body text');
    assert.match(m.text, /第一行\n第二行/);
    assert.match(m.text, /本年新制作数量\t3/);
    assertWellFormed(html, m);
    assertContentMapsBack(html, m);
  });

  test('a <head> whose </head> is left out ends where the body begins (<body>, a body tag, text, </body>)', () => {
    // HTML lets a page leave out </head>: a browser shows the page, so the view must too, and head content stays hidden.
    const head = '<html><head><meta charset="utf-8"><title>标题</title><link rel="stylesheet" href="a.css"><style>p{}</style><script>var a = "<p>x</p>";</script>\n';
    for (const rest of ['<body><p>一、总体情况</p></body></html>', '<p>一、总体情况</p>', '一、总体情况', '<div><p>一、总体情况</p></div>', '<table><tr><td>一、总体情况</td></tr></table>']) {
      const html = head + rest;
      const m = htmlToText(html);
      assert.equal(m.text.trim(), '一、总体情况', rest);
      assert.ok(!m.text.includes('标题'), rest);
      assertWellFormed(html, m);
      assertContentMapsBack(html, m);
    }
    // Text or tags inside the head's <title> do not end it; </head> still does.
    assert.equal(htmlToText('<head><title>a<b>c</b></title>\n</head><p>正文</p>').text.trim(), '正文');
    assert.equal(parseReport(head + '<body>\n<p>某县人民政府2023年政府信息公开工作年度报告</p>\n<p>一、总体情况</p>\n<p>正文。</p>\n</body>').model.meta.year, 2023);
  });

  test('line breaks and tabs inside the HTML source are layout: they become single spaces, never fake cells', () => {
    const html = '<table><tr><td>（二）部分公开（区分处理的，只计这一情\n      形，不计其他情形）</td><td>4\t</td></tr></table>';
    const m = htmlToText(html);
    const line = m.text.split('\n').find((l) => l.includes('部分公开'))!;
    assert.equal(line.split('\t').length, 2);
    assert.ok(!/ {2}/.test(line));
    assertWellFormed(html, m);
    assertContentMapsBack(html, m);
  });

  test('a source line break between two Chinese characters is no space (CSS segment break transformation); other breaks are', () => {
    // Editors and Word's "save as web page" wrap long lines anywhere, also inside a word: 第二十⏎条, 年度⏎报告.
    const html = '<h1>某县人民政府2023年政府信息公开工作年度\r\n  报告</h1><p>二、主动公开政\n府信息情况，见\n<b>下表</b>。Open\ndata 2023\n年；\n“公开”　\n中</p>'
      + '<table><tr><td>第二十\n条第（一）项</td><td>本年制<br>发件数</td><td>22<br>（其中修订16件）</td><td>\n7 </td></tr></table>';
    const m = htmlToText(html);
    assert.deepEqual(m.text.split('\n').filter((l) => l), [
      '某县人民政府2023年政府信息公开工作年度报告',
      // between a letter or a digit and anything, or next to a quotation mark (East Asian width "ambiguous"), a space
      '二、主动公开政府信息情况，见下表。Open data 2023 年； “公开”　中',
      '第二十条第（一）项\t本年制发件数\t22 （其中修订16件）\t7 ',
    ]);
    assertWellFormed(html, m);
    assertContentMapsBack(html, m);
    // A space without a line break stays: the page shows it.
    assert.equal(htmlToText('<p>公开 申请</p>').text, '公开 申请\n');
    // Characters beyond the BMP (CJK extension B) are wide too.
    assert.equal(htmlToText('<p>𠮷\n𠮷</p>').text, '𠮷𠮷\n');
    const report = parseReport('<html><body><p>某县人民政府2023年政府信息公开工作年度\n报告</p><p>一、总体\n情况</p><p>正文。</p></body></html>').model;
    assert.equal(report.meta.title, '某县人民政府2023年政府信息公开工作年度报告');
    assert.deepEqual(report.sections.map((x) => x.title), ['一、总体情况']);
  });

  test('upper-case tags and attributes are handled', () => {
    const html = '<TABLE BORDER=1><TR><TD ROWSPAN="2">规章</TD><TD>7</TD></TR></TABLE>';
    const m = htmlToText(html);
    assert.match(m.text, /规章\t7/);
  });

  test('tag names in any case are the names the view knows; a longer or prefixed name is another tag', () => {
    // (Names are told by a code made from their characters: <tdx>, <blockquotes> and <x-td> must not pass for
    // <td>, <blockquote> and <td>.)
    assert.equal(htmlToText('<TR><TD>a<TD>b</TR><tdx>c</tdx><x-td>d<TR><Td>1</td><tD>2').text, 'a\tb\ncd\n1\t2');
    assert.equal(htmlToText('<blockquotes>x</blockquotes><BlockQuote>y</blockquote><SCRIPT>z</script>w').text, 'x\ny\nw');
  });

  test('a character whose lower case is longer (İ) before a script does not lose the page after it', () => {
    // (Found by searching the lower-cased text, where İ is two characters: every position after it was one off.)
    const m = htmlToText('İİİİİ<script>a</script>bc<SCRIPT>x</Script>de');
    assert.equal(m.text, 'İİİİİbcde');
    assert.equal(m.origin[5], 'İİİİİ<script>a</script>'.length);
  });

  test("a quoted attribute value may hold '>' and the other quote; an unclosed quote runs to the end", () => {
    const html = `<tr><td title="a>b 'c'">规章</td><td data-x='1>"2"'>7</td></tr><p style="x>正文`;
    const m = htmlToText(html);
    // The <p> whose quote never closes is a tag to the end: 正文 is inside it, not text.
    assert.equal(m.text, '规章\t7\n');
    assert.deepEqual([...m.origin], [html.indexOf('规'), html.indexOf('章'), html.lastIndexOf('<td'), html.lastIndexOf('7'), html.indexOf('</tr'), html.length]);
  });

  test('text runs with and without whitespace map unit by unit (runs are copied whole when they hold no space)', () => {
    const html = '<p>公开:\n  申请&amp;答复\t件</p><p>  结转</p>';
    const m = htmlToText(html);
    // A line break and the spaces after it are one space (at the line break); the entity is one unit at its '&';
    // each </p> ends a line at its '<'; spaces at the start of a line are dropped.
    assert.equal(m.text, '公开: 申请&答复 件\n结转\n');
    assert.deepEqual([...m.origin], [3, 4, 5, 6, 9, 10, 11, 16, 17, 18, 19, 20, 29, 30, 31, html.length]);
  });
});

describe('renderEmbeddedTables', () => {
  test('plain or Markdown text without <table> is left alone (null)', () => {
    assert.equal(renderEmbeddedTables('一、总体情况\n| a | b |\n'), null);
  });

  test('a character whose lower case is longer (İ) before a table does not move the table', () => {
    const before = 'İİİİ 说明\n';
    const src = `${before}<TABLE><tr><td>规章</td><td>1</td></tr></Table>\n后文`;
    const m = renderEmbeddedTables(src);
    assert.ok(m);
    assert.equal(m.text, `${before}规章\t1\n\n后文`);
  });

  test('markup before a table on its line (a wrapper <div>, a Word conditional comment, a style) is not text; other text ends its line', () => {
    const rows = '<tr><td>1</td><td>2</td></tr></table>';
    for (const [before, after] of [
      ['<div class="table-wrap">', '</div>'],
      ['<!--[if gte mso 9]><xml><w:WordDocument><w:Zoom>90</w:Zoom></w:WordDocument></xml><![endif]-->', '<!-- 3 -->'],
      ['<style>td { width: 9px }</style> <center>', '</center>  '],
    ]) {
      const src = `表四续\n${before}<table>${rows}${after}\n五、存在的主要问题\n`;
      const m = renderEmbeddedTables(src)!;
      assert.deepEqual(m.text.split('\n').filter((l) => l.trim()), ['表四续', '1\t2', '五、存在的主要问题'], before);
      assertWellFormed(src, m);
      assertContentMapsBack(src, m);
      assert.equal(src.slice(m.origin[m.text.indexOf('1')]!).slice(0, 2), '1<');
    }
    // Text before the table stays as written, but the first row is a line of its own; two tables on one line each
    // have their rows.
    const src = `见下表：<table>${rows}说明<div><table>${rows}</div>\n`;
    const m = renderEmbeddedTables(src)!;
    assert.deepEqual(m.text.split('\n').filter((l) => l.trim()), ['见下表：', '1\t2', '说明', '1\t2']);
    assertWellFormed(src, m);
    assertContentMapsBack(src, m);
  });

  test('only the <table> fragments are rendered; the text around them keeps identity offsets', () => {
    const before = '## 二、主动公开政府信息情况\n\n';
    const table = '<table><tr><td>规章</td><td>1</td></tr></table>';
    const after = '\n\n## 三、收到和处理政府信息公开申请情况\n';
    const src = before + table + after;
    const m = renderEmbeddedTables(src);
    assert.ok(m);
    assert.ok(m.text.startsWith(before));
    assert.ok(m.text.endsWith(after));
    assert.match(m.text, /规章\t1/);
    for (let i = 0; i < before.length; i++) assert.equal(m.origin[i], i);
    const tail = m.text.length - after.length;
    for (let i = 0; i < after.length; i++) assert.equal(m.origin[tail + i], before.length + table.length + i);
    assertWellFormed(src, m);
    assertContentMapsBack(src, m);
  });
});

describe('looksLikeHtmlDocument', () => {
  test('documents and tag-heavy fragments are HTML; Markdown and plain text are not', () => {
    assert.equal(looksLikeHtmlDocument('<!DOCTYPE html><html><body></body></html>'), true);
    assert.equal(looksLikeHtmlDocument('<html lang="zh"><body>x</body></html>'), true);
    assert.equal(looksLikeHtmlDocument('<p>a</p>'.repeat(12)), true);
    assert.equal(looksLikeHtmlDocument('# 标题\n\n| a | b |\n|---|---|\n'), false);
    assert.equal(looksLikeHtmlDocument('一、总体情况\n正文 a<b 且 c>d。\n'), false);
  });
});

describe('HTML through parseReport', () => {
  const PAGE = '<!DOCTYPE html><html><head><meta charset="utf-8"><title>某县人民政府2021年政府信息公开工作年度报告</title></head><body>\n'
    + '<p style="text-align:center"><strong>某县人民政府2021年政府信息公开工作年度报告</strong></p>\n'
    + '<p><strong>一、总体情况</strong></p><p>2021年，本县认真贯彻落实条例。</p>\n'
    + '<p><strong>二、主动公开政府信息情况</strong></p><p>详见下表。</p>\n</body></html>';
  const lineText = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) => {
    assert.equal(r.start.line, r.end.line);
    return PAGE.split('\n')[r.start.line]!.slice(r.start.character, r.end.character);
  };

  test('a web page report: format, year and the sections are found in the HTML; ranges start at the text', () => {
    const model = parseReport(PAGE).model;
    assert.equal(model.format, 'html');
    assert.equal(model.meta.year, 2021);
    assert.deepEqual(model.sections.map((s) => s.item), ['overview', 'active']);
    assert.deepEqual(model.sections.map((s) => lineText(s.headingRange).slice(0, 6)), ['一、总体情况', '二、主动公开']);
    assert.ok(model.meta.titleRange);
    assert.ok(lineText(model.meta.titleRange).startsWith('某县人民政府2021年政府信息公开工作年度报告'));
  });

  test('a web page report: heading and title ranges end at the end of the text, not after the closing tags', () => {
      const model = parseReport(PAGE).model;
      assert.deepEqual(model.sections.map((s) => lineText(s.headingRange)), ['一、总体情况', '二、主动公开政府信息情况']);
      assert.equal(lineText(model.meta.titleRange!), '某县人民政府2021年政府信息公开工作年度报告');
    });

  test('a <table> pasted into a Markdown report is read as a table; its cells point into the HTML', () => {
    const src = '# 某县人民政府2021年政府信息公开工作年度报告\n\n## 二、主动公开政府信息情况\n\n'
      + '<table><tr><td colspan="4">第二十条第（一）项</td></tr><tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>'
      + '<tr><td>规章</td><td>2</td><td>0</td><td>17</td></tr><tr><td>行政规范性文件</td><td>9</td><td>4</td><td>63</td></tr></table>\n\n'
      + '## 三、收到和处理政府信息公开申请情况\n';
    const model = parseReport(src, { format: 'markdown' }).model;
    const t2 = model.tables.find((t) => t.kind === 'T2');
    assert.ok(t2, 'T2 found');
    const cell = t2.cells.find((c) => c.rowId === '第二十条第（一）项|行政规范性文件' && c.col === '现行有效件数');
    assert.ok(cell);
    assert.equal(cell.value, 63);
    const line = src.split('\n')[cell.range.start.line]!;
    assert.ok(line.slice(cell.range.start.character).startsWith('63</td>'), line.slice(cell.range.start.character, cell.range.start.character + 10));
    // headings outside the table are still Markdown headings
    assert.deepEqual(model.sections.map((s) => s.item), ['active', 'application']);
  });
});

test('a range ending on an entity ends after the whole entity, with or without its semicolon; plain text has no entities', () => {
  const src = '<p>a&nbsp,b&amp;c</p>';
  const view = htmlToText(src);
  assert.equal(view.text.trim(), 'a ,b&c');
  const at = (ch: string, k = 0) => view.text.indexOf(ch, k);
  assert.equal(toSourceEnd(view, at(' ') + 1, src, true), src.indexOf(',b'));
  assert.equal(toSourceEnd(view, at('&') + 1, src, true), src.indexOf('c<'));
  const plain = normalizeForMatching('a&amp;c');
  assert.equal(toSourceEnd(plain, 2, 'a&amp;c'), 2);
});
