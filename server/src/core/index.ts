/** The analysis core: pure functions from text to a report model and diagnostics. No editor, no protocol. */
export * from './model';
export { formatOfPath, parseReport, type ParsedReport, type ParseOptions } from './parse/report';
export { LineIndex } from './text/lineIndex';
export { normalizeForMatching, labelKey, compactKey } from './text/normalize';
export { analyze, checkParsed, readSuppressions } from './checks/engine';
export { crossYearDiagnostics, exampleDiagnostics, sameBody, yearFacts, type YearFacts } from './checks/crossYear';
export { applyEdits, applyOffsetEdits, composeEdits, fixAllEdits, fixRepeatedly, FIX_ROUNDS, type OffsetEdit } from './checks/fixes';
export type { CheckConfig, Diagnostic, Severity, Locale, Rule, Message, Fix, TextEdit } from './checks/types';
export { RULES, RULE_BY_CODE, RULE_DOC_BASE, ruleDocUrl } from './checks/rules/index';
export { CellIndex, cellByKey, evaluateRelations, relationsOfCell, rootCauses, type RelationResult } from './checks/relations';
export { exampleReport } from './checks/examples';
export { loadProjectConfig, mergeConfig, validateConfig, CONFIG_FILE, type LoadedConfig } from './config';
export { configSchema } from './configSchema';
