// KA1xx: the syntax findings the core emits (parser, reader, walker). These files hold their
// metadata and docs; the checks themselves live in server/src/core.
import type { CoreRule } from '../types.js';
import extraCloseBrace from './extra-close-brace.js';
import unclosedBlock from './unclosed-block.js';
import unexpectedOpenBrace from './unexpected-open-brace.js';
import missingOpenBrace from './missing-open-brace.js';
import unterminatedQuote from './unterminated-quote.js';
import lineTooLong from './line-too-long.js';
import doubleSlashComment from './double-slash-comment.js';
import includeNotFound from './include-not-found.js';
import includeCycle from './include-cycle.js';
import includeTooDeep from './include-too-deep.js';
import invalidDefinition from './invalid-definition.js';
import includeReadTwice from './include-read-twice.js';
import templateFile from './template-file.js';
import undefinedDefinition from './undefined-definition.js';
import definitionSplit from './definition-split.js';
import escapedCommentLine from './escaped-comment-line.js';
import nulByte from './nul-byte.js';
import conditionWithoutId from './condition-without-id.js';
import binaryFile from './binary-file.js';

export const syntaxRules: CoreRule[] = [
  extraCloseBrace,
  unclosedBlock,
  unexpectedOpenBrace,
  missingOpenBrace,
  unterminatedQuote,
  lineTooLong,
  doubleSlashComment,
  includeNotFound,
  includeCycle,
  includeTooDeep,
  invalidDefinition,
  includeReadTwice,
  templateFile,
  undefinedDefinition,
  definitionSplit,
  escapedCommentLine,
  nulByte,
  conditionWithoutId,
  binaryFile,
];
