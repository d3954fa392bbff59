// The formatter's public API (pure: text in, text or edits out).
export { format, layout, lineText, isFormatError, DEFAULT_INDENT_WIDTH } from './format.js';
export type { FormatOptions, FormatError, FormatResult, Layout } from './format.js';
export { formatRange } from './range.js';
