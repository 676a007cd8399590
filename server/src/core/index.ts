/** The analysis core: pure functions from text to a report model and diagnostics. No editor, no protocol. */
export * from './model';
export { parseReport, type ParsedReport, type ParseOptions } from './parse/report';
export { LineIndex } from './text/lineIndex';
export { normalizeForMatching, labelKey, compactKey } from './text/normalize';
